import { instantAt } from '../calendar/localTime.ts';
import { daysBetween, type LocalDate } from '../calendar/localDate.ts';
import { isAppError } from '../errors.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { ObligationDraft, ObligationType, Stage } from './obligation.ts';
import type { RuleContext } from './ruleContext.ts';
import { routeOf } from './routes.ts';

/**
 * The instant an obligation still open goes to its escalation role: the end of its own school day
 * for attendance, else the start of the day it is more than `escalateAfterSchoolDays` school days
 * late. Stages and the limit of a snooze both come from here. Null: not inside the calendar.
 */
export function escalatesAt(o: { type: ObligationType; dueDate: LocalDate }, school: School): Date | null {
  const { timezone, dayEnd } = school.config.school;
  if (routeOf(o.type).escalates === 'end_of_day') return instantAt(o.dueDate, dayEnd, timezone);
  try {
    return instantAt(school.calendar.addSchoolDays(o.dueDate, school.config.policy.escalateAfterSchoolDays + 1), '00:00', timezone);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** Where an obligation stands at `now`: far off, coming up, due today, late, or late enough to escalate. */
export function stageOf(draft: ObligationDraft, dueAt: Date, ctx: RuleContext): Stage {
  const { today, now, calendar, policy, school } = ctx;

  if (today < draft.dueDate) {
    const ahead = draft.noticeInCalendarDays
      ? daysBetween(today, draft.dueDate) > policy.documentExpiryNoticeDays
      : calendar.schoolDaysBetween(today, draft.dueDate) > policy.nudgeLeadSchoolDays;
    // A plan already known to be wrong is said at once, not when its day comes near.
    return ahead && !draft.warning ? 'scheduled' : 'upcoming';
  }
  if (draft.dueAt === undefined ? today === draft.dueDate : now < dueAt) return 'due';
  const escalation = escalatesAt(draft, school);
  return escalation !== null && now >= escalation ? 'escalated' : 'overdue';
}
