import { instantAt } from '../calendar/localTime.ts';
import { daysBetween } from '../calendar/localDate.ts';
import type { ObligationDraft, Stage } from './obligation.ts';
import type { RuleContext } from './ruleContext.ts';

/** Where an obligation stands at `now`: far off, coming up, due today, late, or late enough to escalate. */
export function stageOf(draft: ObligationDraft, dueAt: Date, ctx: RuleContext): Stage {
  const { today, now, calendar, policy, school } = ctx;

  if (today < draft.dueDate) {
    const ahead = draft.noticeInCalendarDays
      ? daysBetween(today, draft.dueDate) > policy.documentExpiryNoticeDays
      : calendar.schoolDaysBetween(today, draft.dueDate) > policy.nudgeLeadSchoolDays;
    return ahead ? 'scheduled' : 'upcoming';
  }
  if (draft.dueAt === undefined ? today === draft.dueDate : now < dueAt) return 'due';
  if (draft.escalatesSameDay) {
    const endOfThatDay = instantAt(draft.dueDate, school.config.school.dayEnd, school.config.school.timezone);
    return now >= endOfThatDay ? 'escalated' : 'overdue';
  }
  return calendar.schoolDaysBetween(draft.dueDate, today) > policy.escalateAfterSchoolDays ? 'escalated' : 'overdue';
}
