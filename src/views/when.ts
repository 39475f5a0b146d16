import { localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { School } from '../core/policy/schoolConfig.ts';

const schoolDays = (n: number) => `${n} school day${n === 1 ? '' : 's'}`;

/** "Fri 13 Feb (in 3 school days)", "(today)", "(2 school days late)", counted on the school calendar. */
export function dueWhen(date: LocalDate, school: School, now: Date): string {
  const today = localDateOf(now, school.config.school.timezone);
  if (date === today) return `${shortDate(date)} (today)`;
  const gap = school.calendar.schoolDaysBetween(today, date);
  if (date > today) return `${shortDate(date)} (${gap === 0 ? 'next school day' : `in ${schoolDays(gap)}`})`;
  return `${shortDate(date)} (${gap === 0 ? 'late' : `${schoolDays(-gap)} late`})`;
}

/** "Fri 13 Feb, 10:42" in the school's time. */
export function moment(at: Date, school: School): string {
  const tz = school.config.school.timezone;
  return `${shortDate(localDateOf(at, tz))}, ${localTimeOf(at, tz)}`;
}

export function todayOf(now: Date, school: School): LocalDate {
  return localDateOf(now, school.config.school.timezone);
}
