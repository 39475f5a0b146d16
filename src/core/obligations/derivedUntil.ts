import { addDays } from '../calendar/localDate.ts';
import { instantAt, localDateOf } from '../calendar/localTime.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { Obligation } from './obligation.ts';

/**
 * The first instant after `now` at which deriving the same placements again could answer
 * differently. The rules read the clock only as today's date; within a day a stage moves only at an
 * instant an obligation names (a cut-off or a deadline: due until then) or at the end of the school
 * day (attendance escalates then). So the answer holds until the earliest of those, or midnight.
 */
export function derivedUntil(obligations: Iterable<Obligation>, school: School, now: Date): Date {
  const { timezone, dayEnd } = school.config.school;
  const today = localDateOf(now, timezone);
  let until = instantAt(addDays(today, 1), '00:00', timezone).getTime();
  const endOfDay = instantAt(today, dayEnd, timezone).getTime();
  const at = now.getTime();
  if (endOfDay > at && endOfDay < until) until = endOfDay;
  for (const o of obligations) {
    const due = o.dueAt.getTime();
    if (due > at && due < until) until = due;
  }
  return new Date(until);
}
