import { shortDate } from '../core/calendar/localDate.ts';
import { deriveObligations } from '../core/obligations/deriveObligations.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import type { HistoryEvent } from '../core/placement/events.ts';
import { missingBeforeStart } from '../core/placement/checklist.ts';
import { CONCERN_DECISION_WORDS } from '../core/placement/concerns.ts';
import { MARK_TITLES } from './reminderActions.ts';
import type { Placement } from '../core/placement/placement.ts';
import { actingRole } from '../core/permissions.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { CONCERN_TITLES } from './concernForm.ts';
import { EVENT_WORDS } from './historyWords.ts';
import { kindName, pupilLabel, roleName, sentence, staffName } from './names.ts';
import { obligationTitle, subjectWords } from './obligationWords.ts';
import { moreButton, pageOf } from './paging.ts';
import { mayDo } from './registry.ts';
import { stageLabel } from './reminder.ts';
import type { CardBase, Fact, PupilLabel, ViewAction, Viewer } from './viewModel.ts';
import { dueWhen, moment } from './when.ts';

export const SUMMARY_LIST_SIZE = 10;
const RECENT = 5;

export interface SummaryLine {
  text: string;
  detail: string;
  late: boolean;
  /** Opens the reminder for a due item; null for a past decision. */
  action: ViewAction | null;
}

export interface PlacementSummaryView extends CardBase {
  card: 'placementSummary';
  pupil: PupilLabel;
  state: string;
  facts: Fact[];
  due: SummaryLine[];
  /** "Showing 11 to 20 of 62" when what is due runs over a page, else empty. */
  dueShown: string;
  /** The next page of what is due, or null on the last one. */
  dueMore: ViewAction | null;
  recent: SummaryLine[];
}

function recentLine(e: HistoryEvent, school: School, mayReadConcerns: boolean): SummaryLine {
  const who = staffName(school, e.by);
  const when = e.at ? moment(new Date(e.at), school) : shortDate(e.on);
  let text = EVENT_WORDS[e.type];
  if (e.type === 'concern') {
    text = `${CONCERN_TITLES[e.category]} concern logged`;
    // Everyone but the DSLs sees only that a concern of that category was logged.
    if (mayReadConcerns && typeof e['details'] === 'string') text += `: ${e['details']}`;
  }
  // The mark itself: an absence never reads as attendance confirmed.
  if (e.type === 'attendance') text = `${shortDate(e.on)}, ${e.session === 'am' ? 'morning' : 'afternoon'}: ${MARK_TITLES[e.mark]}`;
  // What a DSL decided and how a concern ended are for the DSLs, like the concern itself.
  if (e.type === 'concern_decision' && mayReadConcerns) text += `: ${CONCERN_DECISION_WORDS[e.decision]}, because ${e.rationale}`;
  if (e.type === 'concern_closed' && mayReadConcerns) text += `: ${e.outcome}`;
  if (e.type === 'approval' || e.type === 'decline') text += ` (${roleName(e.role)})`;
  if (e.type === 'ended') text += ` (${e.reason.replaceAll('_', ' ')})`;
  return { text, detail: e.by ? `${who} · ${when}` : when, late: false, action: null };
}

/** "P-001: off-site alternative provision, active, 5 Jan to no end date" for each of the pupil's placements. */
function placementLine(p: Placement): string {
  return `${p.id}: ${kindName(p.kind).toLowerCase()}, ${p.status}, ${shortDate(p.start)} to ${p.end ? shortDate(p.end) : 'no end date'}`;
}

/**
 * Where a placement stands (`/ap status <ref>`): state, what still blocks its start, what is due,
 * the latest decisions; and, given the pupil's placements (`all`), every one of them.
 */
/** Where a summary opened from a list goes back to: that page of the list of placements. */
export function backToList(input: Record<string, unknown>): number | undefined {
  const offset = input['backOffset'];
  return input['back'] === 'placements' && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

export function placementSummary(placement: Placement, school: School, now: Date, viewer: Viewer, requestedOffset: unknown = 0, all: readonly Placement[] = [], back?: number): PlacementSummaryView {
  const missing = placement.status === 'proposed' && placement.kind !== 'part_time_timetable' ? missingBeforeStart(placement) : null;
  const others = all.filter((p) => p.id !== placement.id);
  const open = deriveObligations(placement, school, now).filter((o) => o.stage !== 'scheduled');
  const page = pageOf(open, requestedOffset, SUMMARY_LIST_SIZE);
  const mayReadConcerns = actingRole(viewer.roles, 'readConcernDetails', school.config.permissions) !== null;
  const span = `${shortDate(placement.start)} to ${placement.end ? shortDate(placement.end) : 'no end date'}`;
  const actions = (
    [
      ['openReviewForm', 'Record a review'],
      ['openConcernForm', 'Log a concern'],
      ['openEndPlacementForm', 'End the placement'],
    ] as const
  )
    .filter(([verb]) => placement.status !== 'ended' && mayDo(viewer, verb, school))
    .map(([verb, title]) => placementAction(placement, { verb, title }));
  if (back !== undefined) actions.unshift(placementAction(null, { verb: 'showMore', title: 'Back to the list', variant: `back:${back}`, input: { list: 'placements', offset: back } }));

  return {
    card: 'placementSummary',
    title: `${pupilLabel(placement).label}: ${kindName(placement.kind)}`,
    pupil: pupilLabel(placement),
    state: `${sentence(placement.status)} · ${span}`,
    facts: [
      ...(placement.provider ? [{ title: 'Provider', value: placement.provider.name }] : []),
      ...(missing ? [{ title: 'Before it can start', value: missing.length > 0 ? missing.join('; ') : 'Nothing: it is ready to start' }] : []),
      ...(others.length > 0 ? [{ title: 'All placements', value: all.map(placementLine).join('\n') }] : []),
    ],
    due: page.items.map((o) => {
      const subject = subjectWords(o);
      return {
        text: `${obligationTitle(o.type)}${subject ? ` (${subject})` : ''}`,
        detail: `${stageLabel(o)} · ${dueWhen(o.dueDate, school, now, o.dueAt)}`,
        late: o.stage === 'overdue' || o.stage === 'escalated',
        action: placementAction(placement, { verb: 'showReminder', title: 'Open', variant: obligationKey(o), input: { obligation: obligationKey(o) } }),
      };
    }),
    dueShown: open.length > SUMMARY_LIST_SIZE ? page.shown : '',
    dueMore: moreButton(page, placement, 'showPlacement', 'due'),
    recent: placement.history.slice(-RECENT).reverse().map((e) => recentLine(e, school, mayReadConcerns)),
    placementId: placement.id,
    version: placement.version,
    participants: [viewer.staffId],
    actions,
  };
}
