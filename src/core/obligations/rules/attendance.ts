import { instantAt } from '../../calendar/localTime.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const OFF_SITE = ['off_site_ap', 'off_site_direction'];

/** 000 §4.5, 001 §10, 004: every timetabled session at an off-site provider is confirmed by its cut-off. */
export function attendanceConfirmation(ctx: RuleContext): ObligationDraft[] {
  const { placement, policy, school } = ctx;
  if (placement.status !== 'active' || !OFF_SITE.includes(placement.kind)) return [];
  const confirmed = new Set(ctx.events('attendance').map((a) => `${a.on} ${a.session}`));

  return ctx.schoolDaysSoFar().flatMap((day) =>
    ctx
      .sessionsOn(day)
      .filter((session) => !confirmed.has(`${day} ${session}`))
      .map((session) => ({
        type: 'attendance_confirmation' as const,
        subject: `${day} ${session}`,
        dueDate: day,
        dueAt: instantAt(day, policy.attendanceCutoff[session], school.config.school.timezone),
      })),
  );
}

/** 001 §10, 004: an unexplained absence is followed up with the parents the same day. */
export function absenceFollowUp(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.status === 'ended') return [];
  const followedUp = new Set(ctx.events('absence_follow_up').map((f) => `${f.absenceOn ?? f.on} ${f.session}`));

  return ctx
    .events('attendance')
    .filter((a) => a.mark === 'absent_unauthorised' && !followedUp.has(`${a.on} ${a.session}`))
    .map((a) => ({
      type: 'absence_follow_up',
      subject: `${a.on} ${a.session}`,
      dueDate: a.on,
    }));
}
