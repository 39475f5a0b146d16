import { instantAt, localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import type { School } from '../core/policy/schoolConfig.ts';

/**
 * The first moment from `now` a nudge may go out: a school day outside quiet hours (default
 * 18:00 to 07:30). An urgent one (an escalated safeguarding item) goes at once on a school day,
 * whatever the hour; outside school days it waits for the next school morning like the rest.
 */
export function nextAllowedTime(now: Date, school: School, urgent = false): Date {
  const { timezone } = school.config.school;
  const { from, to } = school.config.policy.quietHours;
  const today = localDateOf(now, timezone);
  const time = localTimeOf(now, timezone);
  if (school.calendar.isSchoolDay(today) && (urgent || (time >= to && time < from))) return now;
  if (school.calendar.isSchoolDay(today) && time < to) return instantAt(today, to, timezone);
  const next = today < school.calendar.lastDay ? school.calendar.addSchoolDays(today, 1) : undefined;
  // Past the last term the school has told us about, hold nothing back.
  return next ? instantAt(next, to, timezone) : now;
}
