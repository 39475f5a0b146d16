import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { addDays } from '../../../src/core/calendar/localDate.ts';
import { AttendanceRegister } from '../../../src/core/placement/attendanceRegister.ts';
import { ATTENDANCE_MARKS, type HistoryEvent } from '../../../src/core/placement/events.ts';
import { WEEKDAYS, type Session } from '../../../src/core/placement/placement.ts';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

const monAndTue = { mon: ['am', 'pm'], tue: ['am'], wed: [], thu: [], fri: [] };

describe('attendance confirmed every timetabled session by its cut-off (000 §4.5, 001 §10)', () => {
  it.each([
    {
      when: "before Tuesday's cut-off: Monday's sessions late (escalated after the school day ended), Tuesday's due",
      history: [],
      at: '2026-02-10T09:30:00Z',
      expected: [
        { subject: '2026-02-09 am', dueDate: '2026-02-09', stage: 'escalated' },
        { subject: '2026-02-09 pm', dueDate: '2026-02-09', stage: 'escalated' },
        { subject: '2026-02-10 am', dueDate: '2026-02-10', stage: 'due' },
      ],
    },
    {
      when: "after Tuesday's 10:00 cut-off the session is overdue; a confirmed session drops out",
      history: [
        { type: 'attendance', on: '2026-02-09', session: 'am', mark: 'present' },
        { type: 'attendance', on: '2026-02-09', session: 'pm', mark: 'late' },
      ],
      at: '2026-02-10T10:30:00Z',
      expected: [{ subject: '2026-02-10 am', dueDate: '2026-02-10', stage: 'overdue' }],
    },
  ])('$when', ({ history, at, expected }) => {
    const placement = aPlacement({ start: '2026-02-09', timetable: monAndTue, history: history });
    expect(obligationsOf(placement, at, 'attendance_confirmation')).toEqual(expected);
  });

  it('sets the cut-off in school time across the October clock change', () => {
    // A school whose autumn half-term falls a week early, so the clocks change in term time.
    const school = aSchool({}, {
      calendar: { terms: [{ name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19', halfTermBreak: { start: '2025-10-13', end: '2025-10-17' } }] },
    });
    const placement = aPlacement({ start: '2025-10-24', timetable: { mon: ['am'], tue: [], wed: [], thu: [], fri: ['am'] } });
    const cutoffs = deriveObligations(placement, school, new Date('2025-10-27T08:00:00Z'))
      .filter((o) => o.type === 'attendance_confirmation')
      .map((o) => [o.subject, o.dueAt.toISOString()]);
    expect(cutoffs).toEqual([
      ['2025-10-24 am', '2025-10-24T09:00:00.000Z'],
      ['2025-10-27 am', '2025-10-27T10:00:00.000Z'],
    ]);
  });

  it('asks nothing of an on-site placement', () => {
    expect(obligationsOf(aPlacement({ kind: 'on_site_ap' }), '2026-02-10T12:00:00Z', 'attendance_confirmation')).toEqual([]);
  });
});

describe('an unexplained absence is followed up the same day (001 §10, 004)', () => {
  const absent = { type: 'attendance', on: '2026-02-09', session: 'am', mark: 'absent_unauthorised' };
  it.each([
    { when: 'due by the end of that school day', history: [absent], at: '2026-02-09T12:00:00Z', expected: [{ subject: '2026-02-09 am', dueDate: '2026-02-09', stage: 'due' }] },
    { when: 'escalated three school days later', history: [absent], at: '2026-02-12T12:00:00Z', expected: [{ subject: '2026-02-09 am', dueDate: '2026-02-09', stage: 'escalated' }] },
    { when: 'closed by the follow-up', history: [absent, { type: 'absence_follow_up', on: '2026-02-09', session: 'am' }], at: '2026-02-12T12:00:00Z', expected: [] },
    { when: 'an authorised absence needs none', history: [{ ...absent, mark: 'absent_authorised' }], at: '2026-02-09T12:00:00Z', expected: [] },
  ])('$when', ({ history, at, expected }) => {
    expect(obligationsOf(aPlacement({ history: history }), at, 'absence_follow_up')).toEqual(expected);
  });
});

describe("marks kept apart from the placement, in the store's register", () => {
  it('give the same obligations as the same marks in its history, some marks in each', () => {
    let seed = 5;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const school = aSchool();
    const seen = { attendance_confirmation: 0, absence_follow_up: 0 };
    for (let round = 0; round < 60; round++) {
      const timetable = Object.fromEntries(WEEKDAYS.map((day) => [day, (['am', 'pm'] as const).filter(() => random() < 0.6)]));
      const start = addDays('2026-01-05', Math.floor(random() * 30));
      const now = new Date(`${addDays(start, Math.floor(random() * 40))}T${pick(['07', '09', '10', '13', '16'])}:${pick(['00', '30'])}:00Z`);
      const inHistory: HistoryEvent[] = [];
      const apart: HistoryEvent[] = [];
      for (const on of school.calendar.schoolDaysIn(start, addDays(start, 45)))
        for (const session of ['am', 'pm'] as Session[]) {
          if (random() < 0.15) continue;
          const mark = { type: 'attendance', on, session, mark: random() < 0.2 ? 'absent_unauthorised' : pick(ATTENDANCE_MARKS), by: 's-attendance' } as const;
          // Most marks are the store's; a placement brought in from elsewhere may carry some of its own.
          (random() < 0.8 ? apart : inHistory).push(mark);
          if (mark.mark === 'absent_unauthorised' && random() < 0.4) inHistory.push({ type: 'absence_follow_up', on, session, outcome: pick(['contact_made', 'no_contact'] as const) });
        }
      const placement = aPlacement({ start, timetable, history: inHistory, kind: pick(['off_site_ap', 'off_site_direction']) });
      const register = AttendanceRegister.of(apart.map((e) => e as Extract<HistoryEvent, { type: 'attendance' }>));
      const expected = deriveObligations({ ...placement, history: [...inHistory, ...apart] }, school, now);
      expect(deriveObligations(placement, school, now, register)).toEqual(expected);
      for (const o of expected) if (o.type === 'attendance_confirmation' || o.type === 'absence_follow_up') seen[o.type]++;
    }
    // Both rules had something to say in these rounds.
    expect(seen.attendance_confirmation).toBeGreaterThan(20);
    expect(seen.absence_follow_up).toBeGreaterThan(20);
  });
});
