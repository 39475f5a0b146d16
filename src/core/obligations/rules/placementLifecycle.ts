import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 000 §7.12, §7.5-7.6; 003 §8: the local authority hears of every new off-site placement. */
export function laInformed(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.status === 'ended' || !['off_site_ap', 'off_site_direction'].includes(placement.kind) || ctx.latest('la_informed')) return [];
  return [{ type: 'la_informed', subject: null, dueDate: placement.start }];
}

/** 000 §8.7: before a planned end, a reintegration meeting. */
export function reintegrationMeeting(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.status !== 'active' || placement.end === undefined || ctx.latest('reintegration_meeting')) return [];
  return [
    { type: 'reintegration_meeting', subject: null, dueDate: calendar.subtractSchoolDays(placement.end, policy.reintegrationMeetingSchoolDays) },
  ];
}

/** A placement still open after its planned end: end it, or extend it. */
export function placementPastEnd(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, today } = ctx;
  if (placement.status !== 'active' || placement.end === undefined || placement.end >= today) return [];
  return [{ type: 'placement_past_end', subject: null, dueDate: calendar.addSchoolDays(placement.end, 1) }];
}

/** A placement still waiting on its checks when its planned start comes: start it, or say what blocks it. */
export function placementStart(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  // A part-time timetable starts with its second approval, which is a duty of its own.
  if (placement.status !== 'proposed' || placement.kind === 'part_time_timetable') return [];
  return [{ type: 'placement_start', subject: null, dueDate: placement.start }];
}
