import { localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { School } from '../core/policy/schoolConfig.ts';

const schoolDays = (n: number) => `${n} school day${n === 1 ? '' : 's'}`;

/** " by 10:00" for a duty due at a stated time of its day (an attendance cut-off); nothing for one due by the end of the school day. */
function byTime(date: LocalDate, dueAt: Date | string | undefined, school: School): string {
  if (dueAt === undefined) return '';
  const { timezone, dayEnd } = school.config.school;
  const at = new Date(dueAt);
  const time = localTimeOf(at, timezone);
  return localDateOf(at, timezone) === date && time !== dayEnd ? ` by ${time}` : '';
}

/**
 * "Fri 13 Feb (in 3 school days)", "(today)", "(2 school days late)", counted on the school
 * calendar; a duty with a time says it: "Tue 10 Feb (today by 10:00)".
 */
export function dueWhen(date: LocalDate, school: School, now: Date, dueAt?: Date | string): string {
  const today = localDateOf(now, school.config.school.timezone);
  const by = byTime(date, dueAt, school);
  if (date === today) return `${shortDate(date)} (today${by})`;
  const gap = school.calendar.schoolDaysBetween(today, date);
  if (date > today) return `${shortDate(date)}${by} (${gap === 0 ? 'next school day' : `in ${schoolDays(gap)}`})`;
  return `${shortDate(date)}${by} (${gap === 0 ? 'late' : `${schoolDays(-gap)} late`})`;
}

/** "Fri 13 Feb, 10:42" in the school's time. */
export function moment(at: Date, school: School): string {
  const tz = school.config.school.timezone;
  return `${shortDate(localDateOf(at, tz))}, ${localTimeOf(at, tz)}`;
}

export function todayOf(now: Date, school: School): LocalDate {
  return localDateOf(now, school.config.school.timezone);
}
