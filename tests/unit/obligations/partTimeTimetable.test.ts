import { describe, expect, it } from 'vitest';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';

const ptt = (overrides: object) => aPlacement({ kind: 'part_time_timetable', provider: undefined, ...overrides });
const mornings = { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: [] };

describe('part-time timetable (000 §9, 001 §11)', () => {
  it.each([
    {
      when: 'needs the headteacher and the AP lead to approve, the school day before it starts',
      placement: { status: 'proposed', start: '2026-03-02' },
      expected: [
        { subject: 'ap_lead', dueDate: '2026-02-27', stage: 'scheduled' },
        { subject: 'headteacher', dueDate: '2026-02-27', stage: 'scheduled' },
      ],
    },
    {
      when: 'waits only for the approval still missing, over the INSET day and the break',
      placement: { status: 'proposed', start: '2026-02-23', history: [{ type: 'approval', on: '2026-02-09', role: 'headteacher', by: 's-head' }] },
      expected: [{ subject: 'ap_lead', dueDate: '2026-02-12', stage: 'upcoming' }],
    },
    {
      when: 'counts one person holding both roles once, whatever roles their two approvals name (an imported history)',
      placement: {
        status: 'proposed',
        start: '2026-03-02',
        history: [
          { type: 'approval', on: '2026-02-05', role: 'headteacher', by: 's-both' },
          { type: 'approval', on: '2026-02-06', role: 'ap_lead', by: 's-both' },
        ],
      },
      expected: [{ subject: 'ap_lead', dueDate: '2026-02-27', stage: 'scheduled' }],
    },
    {
      when: 'counts the same role twice once',
      placement: {
        status: 'proposed',
        start: '2026-03-02',
        history: [
          { type: 'approval', on: '2026-02-05', role: 'ap_lead', by: 's-aplead' },
          { type: 'approval', on: '2026-02-06', role: 'ap_lead', by: 's-deputy' },
        ],
      },
      expected: [{ subject: 'headteacher', dueDate: '2026-02-27', stage: 'scheduled' }],
    },
    {
      when: 'is satisfied by two different people',
      placement: {
        status: 'proposed',
        start: '2026-03-02',
        history: [
          { type: 'approval', on: '2026-02-05', role: 'ap_lead', by: 's-aplead' },
          { type: 'approval', on: '2026-02-06', role: 'headteacher', by: 's-head' },
        ],
      },
      expected: [],
    },
  ])('approval: $when', ({ placement, expected }) => {
    expect(obligationsOf(ptt(placement), '2026-02-09T09:00:00Z', 'part_time_timetable_approval')).toEqual(expected);
  });

  it.each([
    { when: 'ten school days after the start', history: [], every: undefined, dueDate: '2026-01-19' },
    { when: 'ten school days after the last review, over the break', history: [{ type: 'review', on: '2026-02-09' }], every: undefined, dueDate: '2026-03-03' },
    { when: 'a placement set to review every five school days', history: [{ type: 'review', on: '2026-02-09' }], every: 5, dueDate: '2026-02-24' },
  ])('review: $when', ({ history, every, dueDate }) => {
    const placement = ptt({ history, reviewEverySchoolDays: every, end: '2026-07-22' });
    expect(obligationsOf(placement, '2026-02-09T12:00:00Z', 'part_time_timetable_review').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  it.each([
    { end: '2026-02-27', at: '2026-02-25T09:00:00Z', expected: [{ subject: null, dueDate: '2026-02-27', stage: 'upcoming' }] },
    { end: '2026-03-27', at: '2026-03-30T09:00:00Z', expected: [{ subject: null, dueDate: '2026-03-27', stage: 'overdue' }] },
  ])('end decision: a timetable ending $end needs a decision by then', ({ end, at, expected }) => {
    expect(obligationsOf(ptt({ end }), at, 'part_time_timetable_end_decision')).toEqual(expected);
  });

  it.each([
    { when: 'each Friday without a session', start: '2026-02-02', history: [], at: '2026-02-10T12:00:00Z', expected: ['2026-02-06'] },
    { when: 'a recorded check closes the day', start: '2026-02-02', history: [{ type: 'welfare_check', on: '2026-02-06' }], at: '2026-02-10T12:00:00Z', expected: [] },
    { when: 'not in the half-term break', start: '2026-02-09', history: [], at: '2026-02-24T12:00:00Z', expected: [] },
  ])('welfare check on a day with no session: $when', ({ start, history, at, expected }) => {
    const placement = ptt({ start, timetable: mornings, history });
    expect(obligationsOf(placement, at, 'welfare_check').map((o) => o.subject)).toEqual(expected);
  });
});
