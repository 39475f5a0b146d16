import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { instantAt, localDateOf, localTimeOf } from '../../../src/core/calendar/localTime.ts';
import { UK_ZONE } from '../../../src/core/calendar/ukClock.ts';

// UK time is worked out by its rule, not by the runtime's time-zone database; here the database is
// the judge, every half hour over the last eight days of March and of October (the clocks change
// on one of them, on the hour) in every year the rule is used for, and either side of those years.
const HALF_HOUR = 30 * 60_000;
const database = new Intl.DateTimeFormat('en-GB', { timeZone: UK_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const shownByDatabase = (ms: number) => {
  const parts = Object.fromEntries(database.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
};

function* halfHoursAroundChanges(years: Iterable<number>): Generator<number> {
  for (const year of years)
    for (const month of [2, 9]) for (let ms = Date.UTC(year, month, 24); ms < Date.UTC(year, month + 1, 1); ms += HALF_HOUR) yield ms;
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('UK time without the time-zone database', () => {
  it('shows the date and time the database shows, in every year from 1996 to 2100 and either side', () => {
    const wrong: string[] = [];
    for (const ms of halfHoursAroundChanges([1990, 1995, ...range(1996, 2100), 2101, 2150])) {
      const instant = new Date(ms);
      const shown = `${localDateOf(instant, UK_ZONE)} ${localTimeOf(instant, UK_ZONE)}`;
      if (shown !== shownByDatabase(ms)) wrong.push(`${instant.toISOString()}: ${shown}, the database ${shownByDatabase(ms)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('finds the instant a clock time names as the database does, times the clocks skip or show twice included', () => {
    const wrong: string[] = [];
    for (const wall of halfHoursAroundChanges([1995, ...range(1996, 2100), 2101])) {
      const shown = new Date(wall).toISOString();
      const [date, time] = [shown.slice(0, 10), shown.slice(11, 16)];
      const d = new Date(wall);
      const expected = new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), UK_ZONE).getTime();
      const found = instantAt(date, time, UK_ZONE).getTime();
      if (found !== expected) wrong.push(`${date} ${time}: ${new Date(found).toISOString()}, the database ${new Date(expected).toISOString()}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('reads a time the clocks skip by the hour before the change, and a time they show twice as the second', () => {
    expect(instantAt('2027-03-28', '01:30', UK_ZONE).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(localTimeOf(instantAt('2027-03-28', '01:30', UK_ZONE), UK_ZONE)).toBe('02:30');
    expect(instantAt('2027-10-31', '01:30', UK_ZONE).toISOString()).toBe('2027-10-31T01:30:00.000Z');
    expect(instantAt('2027-10-31', '00:30', UK_ZONE).toISOString()).toBe('2027-10-30T23:30:00.000Z');
  });
});
