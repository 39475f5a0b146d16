import { instantAt } from '../../calendar/localTime.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const OFF_SITE = ['off_site_ap', 'off_site_direction'];

/** 000 §4.5, 001 §10, 004: every timetabled session at an off-site provider is confirmed by its cut-off. */
export function attendanceConfirmation(ctx: RuleContext): ObligationDraft[] {
  const { placement, policy, school } = ctx;
  if (placement.status !== 'active' || !OFF_SITE.includes(placement.kind)) return [];
  const { timezone } = school.config.school;
  const { attendance } = ctx;
  const drafts: ObligationDraft[] = [];
  ctx.forEachSessionSoFar((day, session, dayNumber) => {
    if (attendance.isMarked(dayNumber, session)) return;
    drafts.push({
      type: 'attendance_confirmation',
      subject: `${day} ${session}`,
      session: { date: day, session },
      dueDate: day,
      dueAt: instantAt(day, policy.attendanceCutoff[session], timezone),
    });
  });
  return drafts;
}

/**
 * 001 §10, 004: an unexplained absence is followed up with the parents the same day. It stays open
 * until someone reaches the family or a DSL decides what happens; "no contact" does not close it.
 */
export function absenceFollowUp(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  if (placement.status === 'ended') return [];
  // A follow-up recorded before outcomes were asked for said only how: anything but "no_contact" reached the family.
  const reached = ctx.events('absence_follow_up').filter((f) => (f.outcome ?? (f['contact'] === 'no_contact' ? 'no_contact' : 'contact_made')) === 'contact_made');
  const followedUp = new Set([
    ...reached.map((f) => `${f.absenceOn ?? f.on} ${f.session}`),
    ...ctx.events('absence_decision').map((d) => `${d.absenceOn} ${d.session}`),
  ]);

  return ctx.attendance.unauthorised
    .filter((a) => !followedUp.has(`${a.on} ${a.session}`))
    .map((a) => ({
      type: 'absence_follow_up',
      subject: `${a.on} ${a.session}`,
      session: { date: a.on, session: a.session },
      dueDate: a.on,
    }));
}
