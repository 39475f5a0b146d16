import { instantAt } from '../calendar/localTime.ts';
import { daysBetween, type LocalDate } from '../calendar/localDate.ts';
import { isAppError } from '../errors.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { ObligationDraft, ObligationType, Stage } from './obligation.ts';
import type { RuleContext } from './ruleContext.ts';
import { routeOf } from './routes.ts';

/**
 * When an obligation still open goes to its escalation role: at the end of its own school day for
 * attendance (`time`), else as the school day begins once it is more than `escalateAfterSchoolDays`
 * school days late. Stages and the limit of a snooze both come from here. Null: past the calendar.
 */
function escalationPoint(o: { type: ObligationType; dueDate: LocalDate }, school: School): { date: LocalDate; time: string } | null {
  if (routeOf(o.type).escalates === 'end_of_day') return { date: o.dueDate, time: school.config.school.dayEnd };
  try {
    return { date: school.calendar.addSchoolDays(o.dueDate, school.config.policy.escalateAfterSchoolDays + 1), time: '00:00' };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** The instant an obligation escalates (see `escalationPoint`), or null past the calendar. */
export function escalatesAt(o: { type: ObligationType; dueDate: LocalDate }, school: School): Date | null {
  const point = escalationPoint(o, school);
  return point && instantAt(point.date, point.time, school.config.school.timezone);
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
  const point = escalationPoint(draft, school);
  // As a day begins, the date alone decides: no time-zone arithmetic for most obligations.
  const escalated = point !== null && (point.time === '00:00' ? today >= point.date : now >= instantAt(point.date, point.time, school.config.school.timezone));
  return escalated ? 'escalated' : 'overdue';
}
