/**
 * UK time, worked out without the runtime's time-zone database. Every English school keeps
 * Europe/London time, and asking the database (ICU, through `Intl`) for it loads tables that stay in
 * the bot's memory, some 10 MiB, for the one rule the UK has kept since 1996: the clocks go forward
 * an hour at 01:00 GMT on the last Sunday of March and back at 01:00 GMT on the last Sunday of
 * October. Other zones, and years outside those below, are left to the database, which a test holds
 * this rule to, minute by minute across every change of the clocks.
 */
export const UK_ZONE = 'Europe/London';

const FIRST_YEAR = 1996;
const LAST_YEAR = 2100;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 01:00 GMT on the last Sunday of the month (0-based), ms since the epoch. */
function lastSundayAtOne(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * DAY + HOUR;
}

/**
 * How far UK clocks are ahead of GMT at an instant, ms; undefined outside the years the rule is
 * known for. (Its callers in localTime.ts remember their answers, so nothing is kept here.)
 */
export function ukOffset(ms: number): number | undefined {
  const year = new Date(ms).getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  return ms >= lastSundayAtOne(year, 2) && ms < lastSundayAtOne(year, 9) ? HOUR : 0;
}

/**
 * The instant UK clocks show `wall` (a wall-clock time written as if it were GMT, ms). A time the
 * clocks skip (01:30 on the morning they go forward) is read by the hour before the change, so it
 * comes out an hour later by the clock; a time they show twice (01:30 on the morning they go back)
 * is the second.
 */
export function ukInstant(wall: number): number | undefined {
  const guess = ukOffset(wall);
  if (guess === undefined) return undefined;
  const offset = ukOffset(wall - guess);
  return offset === undefined ? undefined : wall - offset;
}
