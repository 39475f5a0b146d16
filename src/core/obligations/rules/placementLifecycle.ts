import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const owner = { subject: null } as const;

/** 000 §7.12, §7.5-7.6; 003 §8: the local authority hears of every new off-site placement. */
export function laInformed(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.status === 'ended' || !['off_site_ap', 'off_site_direction'].includes(placement.kind) || ctx.latest('la_informed')) return [];
  return [{ ...owner, type: 'la_informed', dueDate: placement.start }];
}

/** 000 §8.7: before a planned end, a reintegration meeting. */
export function reintegrationMeeting(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.status !== 'active' || placement.end === undefined || ctx.latest('reintegration_meeting')) return [];
  return [
    { ...owner, type: 'reintegration_meeting', dueDate: calendar.subtractSchoolDays(placement.end, policy.reintegrationMeetingSchoolDays) },
  ];
}

/** A placement still open after its planned end: end it, or extend it. */
export function placementPastEnd(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, today } = ctx;
  if (placement.status !== 'active' || placement.end === undefined || placement.end >= today) return [];
  return [{ ...owner, type: 'placement_past_end', dueDate: calendar.addSchoolDays(placement.end, 1) }];
}

/** A placement still waiting on its checks when its planned start comes: start it, or say what blocks it. */
export function placementStart(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  // A part-time timetable starts with its second approval, which is a duty of its own.
  if (placement.status !== 'proposed' || placement.kind === 'part_time_timetable') return [];
  return [{ ...owner, type: 'placement_start', dueDate: placement.start }];
}
