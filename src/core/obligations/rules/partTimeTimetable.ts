import { pendingPttApproval, PTT_APPROVERS } from '../../placement/partTimeTimetable.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 000 §9.5: a part-time timetable needs the headteacher's and the AP lead's approval before it starts. */
export function partTimeTimetableApproval(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  const pending = pendingPttApproval(placement);
  if (!pending) return [];
  const approved = new Set(pending.approvals.map((a) => a.role));
  // An extension is approved by the current end; a new timetable by the school day before it starts.
  const dueDate = pending.end && placement.end ? placement.end : calendar.subtractSchoolDays(placement.start, 1);
  return PTT_APPROVERS.filter((role) => !approved.has(role)).map((role) => ({ type: 'part_time_timetable_approval', subject: role, approver: role, dueDate }));
}

/** 000 §9.6, 001 §11: reviewed regularly, by default every ten school days, with the pupil and parents. */
export function partTimeTimetableReview(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.kind !== 'part_time_timetable' || placement.status !== 'active') return [];
  const interval = placement.reviewEverySchoolDays ?? policy.pttReviewSchoolDays;
  const dueDate = calendar.addSchoolDays(ctx.latest('review') ?? placement.start, interval);
  if (placement.end !== undefined && dueDate > placement.end) return [];
  return [{ type: 'part_time_timetable_review', subject: null, dueDate }];
}

/** 000 §9.3: time-limited; by the end date, back to full time or an extension approved again. */
export function partTimeTimetableEndDecision(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.kind !== 'part_time_timetable' || placement.status !== 'active' || placement.end === undefined) return [];
  return [
    { type: 'part_time_timetable_end_decision', subject: null, dueDate: placement.end },
  ];
}

/** 000 §9.6: on a school day with no session in school, someone checks on the pupil. */
export function welfareCheck(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.kind !== 'part_time_timetable' || placement.status !== 'active') return [];
  const checked = new Set(ctx.events('welfare_check').map((w) => w.on));
  return ctx
    .schoolDaysSoFar()
    .filter((day) => ctx.sessionsOn(day).length === 0 && !checked.has(day))
    .map((day) => ({ type: 'welfare_check', subject: day, dueDate: day }));
}
