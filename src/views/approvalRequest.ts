import { shortDate } from '../core/calendar/localDate.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { pendingPttApproval, PTT_APPROVERS } from '../core/placement/partTimeTimetable.ts';
import { WEEKDAYS, type Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { pupilLabel, roleName, sentence, staffName, staffWithRoles } from './names.ts';
import { mayDo } from './registry.ts';
import type { CardBase, Fact, PupilLabel, Viewer } from './viewModel.ts';
import { dueWhen } from './when.ts';

export interface ApprovalRequestView extends CardBase {
  card: 'approvalRequest';
  pupil: PupilLabel;
  intro: string;
  reason: string;
  facts: Fact[];
  /** "Still needs the headteacher", or that this approval completes it. */
  stillNeeded: string;
}

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri' };

/** "Mon all day, Tue morning, Thu afternoon (4 of 10 sessions in school)" */
function sessionsWords(placement: Placement): string {
  const timetable = placement.timetable;
  if (!timetable) return 'Not given';
  const days = WEEKDAYS.filter((d) => timetable[d].length > 0).map((d) => {
    const s = timetable[d];
    return `${DAY_NAMES[d]} ${s.length === 2 ? 'all day' : s[0] === 'am' ? 'morning' : 'afternoon'}`;
  });
  const count = WEEKDAYS.reduce((sum, d) => sum + timetable[d].length, 0);
  return `${days.length ? days.join(', ') : 'No sessions'} (${count} of 10 sessions)`;
}

/**
 * The whole proposal, wherever an approval can be given (000 §9.3-9.6): the sessions, the dates,
 * who proposed it, whether the parents agreed, the plan back to full time, and who has approved
 * and who is still to.
 */
export function proposalFacts(placement: Placement, school: School, now: Date): Fact[] {
  const pending = pendingPttApproval(placement);
  if (!pending) return [];
  const proposal = pending.end ? placement.history.findLast((e) => e.type === 'extension_proposed') : undefined;
  const reason = (proposal as { reason?: string } | undefined)?.reason ?? placement.reason ?? 'No reason was given.';
  const agreed = placement.history.findLast((e) => e.type === 'parent_agreement');
  const given = new Set(pending.approvals.map((a) => a.role));
  const toApprove = PTT_APPROVERS.filter((r) => !given.has(r));
  return [
    { title: 'Why', value: reason },
    { title: 'Sessions', value: sessionsWords(placement) },
    pending.end && placement.end
      ? { title: 'Extend', value: `from ${shortDate(placement.end)} to ${shortDate(pending.end)}` }
      : { title: 'Starts', value: dueWhen(placement.start, school, now) },
    ...(!pending.end && placement.end ? [{ title: 'Ends', value: shortDate(placement.end) }] : []),
    { title: 'Proposed by', value: staffName(school, proposal?.by ?? placement.proposedBy) },
    { title: 'Parents agreed', value: agreed ? `Yes, recorded ${shortDate(agreed.on)}` : 'Not yet' },
    { title: 'Back to full time', value: placement.planToFullTime ?? 'No plan was given.' },
    ...pending.approvals.map((a) => ({ title: 'Approved by', value: `${staffName(school, a.by)} (${roleName(a.role)})` })),
    ...(toApprove.length > 0 ? [{ title: 'Still to approve', value: toApprove.map((r) => sentence(roleName(r))).join(' and ') }] : []),
  ];
}

/** 000 §9.5: a part-time timetable (or its extension) waits for the headteacher and the AP lead. */
export function approvalRequest(placement: Placement, school: School, now: Date, viewer: Viewer): ApprovalRequestView {
  const pending = pendingPttApproval(placement);
  if (!pending) throw new AppError(ErrorCode.NotPossible, `This placement has nothing waiting for approval.`);
  const given = pending.approvals.map((a) => a.role);
  const missing = PTT_APPROVERS.filter((r) => !given.includes(r));
  const viewerAlreadyApproved = pending.approvals.some((a) => a.by === viewer.staffId);
  const viewerCan = !viewerAlreadyApproved && missing.some((r) => viewer.roles.includes(r)) && mayDo(viewer, 'approvePartTimeTimetable', school);
  const others = missing.filter((r) => !(viewerCan && viewer.roles.includes(r)));
  const proposal = pending.end ? placement.history.findLast((e) => e.type === 'extension_proposed') : undefined;
  const reason = (proposal as { reason?: string } | undefined)?.reason ?? placement.reason ?? 'No reason was given.';
  // The reason stands on its own on this card.
  const facts = proposalFacts(placement, school, now).filter((f) => f.title !== 'Why');
  return {
    card: 'approvalRequest',
    title: pending.end ? 'An extension needs your approval' : 'A part-time timetable needs your approval',
    pupil: pupilLabel(placement),
    intro: 'Part-time timetables are for exceptional cases and the shortest time possible. Both the headteacher and the AP lead must agree.',
    reason,
    facts,
    stillNeeded: others.length ? `Still needs the ${others.map(roleName).join(' and the ')}.` : 'Your approval completes it.',
    placementId: placement.id,
    version: placement.version,
    participants: staffWithRoles(school, PTT_APPROVERS),
    actions: viewerCan
      ? [
          placementAction(placement, { verb: 'approvePartTimeTimetable', title: 'Approve', style: 'positive' }),
          placementAction(placement, {
            verb: 'declinePartTimeTimetable',
            title: 'Decline',
            style: 'destructive',
            fields: [{ id: 'reason', label: 'Why not', kind: 'longText', required: true, maxLength: 1000, errorMessage: 'Say why' }],
            submitTitle: 'Decline',
          }),
        ]
      : [],
  };
}
