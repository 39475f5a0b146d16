import { instantAt, localDateOf } from '../calendar/localTime.ts';
import { addDays } from '../calendar/localDate.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { Obligation } from './obligation.ts';

/**
 * When a placement next needs looking at: stages move on at the start of a day, except cut-offs and
 * deadlines that fall at an exact instant. Stored as `nextDueAt` so a sweep reads only what moved.
 */
export function nextSweepAt(obligations: readonly Obligation[], school: School, now: Date, ended: boolean): Date | null {
  if (ended) return null;
  const at = now.getTime();
  let next = nextSchoolDayBegins(school, now);
  for (const o of obligations) {
    const due = o.dueAt.getTime();
    if (due > at && due < next) next = due;
  }
  return new Date(next);
}

// A sweep asks for every placement of a school at one instant: the last answer is kept.
let last: { school: School; today: string; begins: number } | undefined;

/** When the next school day begins (the next day, past the calendar's last), in ms. */
function nextSchoolDayBegins(school: School, now: Date): number {
  const { timezone } = school.config.school;
  const today = localDateOf(now, timezone);
  if (last?.school === school && last.today === today) return last.begins;
  const { calendar } = school;
  const nextDay = today < calendar.lastDay ? calendar.addSchoolDays(today, 1) : addDays(today, 1);
  last = { school, today, begins: instantAt(nextDay, '00:00', timezone).getTime() };
  return last.begins;
}
