import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
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
