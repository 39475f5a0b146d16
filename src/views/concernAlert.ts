import { shortDate } from '../core/calendar/localDate.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { EventOf } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import { actingRole } from '../core/permissions.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { CONCERN_TITLES } from './concernForm.ts';
import { pupilLabel, staffName, staffWithRoles } from './names.ts';
import { mayDo } from './registry.ts';
import type { CardBase, Fact, PupilLabel, Viewer } from './viewModel.ts';
import { moment } from './when.ts';

export interface ConcernAlertView extends CardBase {
  card: 'concernAlert';
  pupil: PupilLabel;
  category: string;
  /** What happened, in the words of whoever logged it: this card goes to a DSL's direct message only. */
  details: string;
  facts: Fact[];
  next: string;
}

/** The full concern, for a DSL. Anyone else asking for it is refused. */
export function concernAlert(placement: Placement, concern: EventOf<'concern'>, school: School, _now: Date, viewer: Viewer): ConcernAlertView {
  if (!actingRole(viewer.roles, 'readConcernDetails', school.config.permissions))
    throw new AppError(ErrorCode.NotAllowed, 'Only the safeguarding leads can read a concern.');
  const details = typeof concern['details'] === 'string' ? concern['details'] : '(no details were given)';
  const safeguarding = concern.category === 'safeguarding';
  return {
    card: 'concernAlert',
    title: `${CONCERN_TITLES[concern.category]} concern`,
    pupil: pupilLabel(placement),
    category: CONCERN_TITLES[concern.category],
    details,
    facts: [
      { title: 'Happened', value: shortDate(concern.on) },
      { title: 'Logged by', value: staffName(school, concern.by) },
      ...(concern.at ? [{ title: 'Logged at', value: moment(new Date(concern.at), school) }] : []),
      ...(placement.provider ? [{ title: 'Provider', value: placement.provider.name }] : []),
    ],
    next: safeguarding
      ? 'A placement review and a risk assessment review are now due by the next school day.'
      : 'Decide whether the placement needs a review.',
    placementId: placement.id,
    version: placement.version,
    participants: staffWithRoles(school, ['dsl']),
    actions: [
      placementAction(placement, { verb: 'showPlacement', title: 'Open the placement' }),
      ...(mayDo(viewer, 'openReviewForm', school) ? [placementAction(placement, { verb: 'openReviewForm', title: 'Record a review' })] : []),
    ],
  };
}
