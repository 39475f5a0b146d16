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
  const { timezone } = school.config.school;
  const today = localDateOf(now, timezone);
  const { calendar } = school;
  const nextDay = today < calendar.lastDay ? calendar.addSchoolDays(today, 1) : addDays(today, 1);
  let next = instantAt(nextDay, '00:00', timezone);
  for (const o of obligations) if (o.dueAt > now && o.dueAt < next) next = o.dueAt;
  return next;
}
