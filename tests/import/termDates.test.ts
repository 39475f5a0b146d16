import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { termDatesFromEvents } from '../../src/app/import/termDates.ts';
import { readIcalEvents } from '../../src/config/icalEvents.ts';

const ics = readFileSync(new URL('../fixtures/import/oakshire-term-dates-2026-27.ics', import.meta.url), 'utf8');
const handWritten = parse(readFileSync(new URL('../../examples/school.yaml', import.meta.url), 'utf8')) as { calendar: { terms: { name: string; start: string }[]; closures: { date: string; reason: string }[] } };
const ical = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', ...events.flatMap((e, i) => ['BEGIN:VEVENT', `UID:${i}`, ...e.split('|'), 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe("a local authority's term-date calendar", () => {
  const dates = termDatesFromEvents(readIcalEvents(ics, 'Europe/London'));

  it('gives the same terms and half-term breaks as the hand-written school file for 2026-27', () => {
    expect(dates.terms).toEqual(handWritten.calendar.terms.filter((t) => t.start >= '2026-09-01'));
  });

  it('keeps INSET days and closures in term time, and the hand-written INSET days are among them', () => {
    expect(dates.closures).toEqual([
      { date: '2026-11-27', reason: 'INSET' },
      { date: '2027-01-04', reason: 'INSET' },
      { date: '2027-05-06', reason: 'Polling day: school closed' },
    ]);
    expect(dates.closures).toEqual(expect.arrayContaining(handWritten.calendar.closures.filter((c) => c.date >= '2026-09-01')));
  });

  it('says what it left out and why: holidays between terms, bank holidays, and anything it does not understand', () => {
    expect(dates.leftOut).toEqual([
      '"Christmas holidays" (2026-12-19 to 2027-01-03): a holiday between terms',
      '"Christmas Day (bank holiday)" (2026-12-25): a bank holiday, from the bank-holiday list',
      '"Good Friday" (2027-03-26): a bank holiday, from the bank-holiday list',
      '"Easter holidays" (2027-03-27 to 2027-04-11): a holiday between terms',
      '"Early May bank holiday" (2027-05-03): a bank holiday, from the bank-holiday list',
      '"Sports day" (2027-07-01): not understood (not a term, half-term, INSET day or closure)',
      '"Summer holidays" (2027-07-22 to 2027-08-31): a holiday between terms',
    ]);
  });
});

describe('reading events', () => {
  it('takes an all-day end as the day after, a timed end at midnight likewise, and a UTC time on the London clock', () => {
    const events = readIcalEvents(
      ical(
        'DTSTART;VALUE=DATE:20260216|DTEND;VALUE=DATE:20260221|SUMMARY:Half term',
        'DTSTART;TZID=Europe/London:20260105T000000|DTEND;TZID=Europe/London:20260107T000000|SUMMARY:INSET',
        'DTSTART:20260331T230000Z|SUMMARY:Term starts',
        'DTSTART;VALUE=DATE:20260213|SUMMARY:Closed',
      ),
      'Europe/London',
    );
    expect(events).toEqual([
      { summary: 'Half term', first: '2026-02-16', last: '2026-02-20' },
      { summary: 'INSET', first: '2026-01-05', last: '2026-01-06' },
      { summary: 'Term starts', first: '2026-04-01', last: '2026-04-01' },
      { summary: 'Closed', first: '2026-02-13', last: '2026-02-13' },
    ]);
  });

  it('refuses a file that is not iCalendar, and a calendar with no terms, saying what it holds', () => {
    expect(() => readIcalEvents('term,start\nAutumn,2026-09-03', 'Europe/London')).toThrow('not an iCalendar file');
    expect(() => termDatesFromEvents(readIcalEvents(ical('DTSTART;VALUE=DATE:20261225|SUMMARY:Christmas Day'), 'Europe/London'))).toThrow(
      'The calendar names no terms (events with "term" in their title). It holds: "Christmas Day" (2026-12-25).',
    );
  });

  it('leaves out a half-term with no school days either side, and a term end with no start', () => {
    const dates = termDatesFromEvents(
      readIcalEvents(
        ical(
          'DTSTART;VALUE=DATE:20260105|DTEND;VALUE=DATE:20260328|SUMMARY:Spring term',
          'DTSTART;VALUE=DATE:20260101|DTEND;VALUE=DATE:20260110|SUMMARY:Half term',
          'DTSTART;VALUE=DATE:20260722|SUMMARY:Summer term ends',
        ),
        'Europe/London',
      ),
    );
    expect(dates.terms).toEqual([{ name: 'Spring 2026', start: '2026-01-05', end: '2026-03-27' }]);
    expect(dates.leftOut).toEqual(['"Summer term ends" (2026-07-22): no term start comes before it', '"Half term" (2026-01-01 to 2026-01-09): not inside a term']);
  });
});
