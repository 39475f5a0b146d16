import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

const direction = (start: string, history: object[] = []) =>
  aPlacement({ kind: 'off_site_direction', status: 'proposed', start, history: history });

describe('off-site direction (000 §6, 001 §7)', () => {
  it.each([
    { start: '2026-02-23', dueDate: '2026-02-12' },
    { start: '2026-03-04', dueDate: '2026-03-03' },
  ])('the governing body approves a direction starting $start by $dueDate', ({ start, dueDate }) => {
    expect(obligationsOf(direction(start), '2026-02-09T09:00:00Z', 'off_site_direction_approval').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  it.each([
    { when: 'the May bank holiday inside the notice window', start: '2026-05-06', dueDate: '2026-05-01' },
    { when: 'the INSET day and half-term inside the notice window', start: '2026-02-24', dueDate: '2026-02-12' },
  ])('parents get two school days of notice, with $when', ({ start, dueDate }) => {
    expect(obligationsOf(direction(start), '2026-02-09T09:00:00Z', 'off_site_direction_parent_notice').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  it('asks nothing more once approval and notice are recorded', () => {
    const placement = direction('2026-03-04', [
      { type: 'governor_approval', on: '2026-02-10' },
      { type: 'parent_notice', on: '2026-02-11' },
    ]);
    const types = deriveObligations(placement, aSchool(), new Date('2026-02-12T09:00:00Z')).map((o) => o.type);
    expect(types).not.toContain('off_site_direction_approval');
    expect(types).not.toContain('off_site_direction_parent_notice');
  });
});

describe('provision during a suspension (001 §8)', () => {
  const suspension = (suspensions: { firstDay: string; schoolDays: number }[], overrides: object = {}) =>
    aPlacement({ kind: 'suspension_provision', status: 'proposed', provider: undefined, start: '2026-03-16', suspensions, ...overrides });

  it.each([
    { when: 'an eight-day suspension over a weekend', suspensions: [{ firstDay: '2026-01-12', schoolDays: 8 }], lookedAfter: false, dueDate: '2026-01-19' },
    { when: 'a suspension spanning a weekend, an INSET day and half-term', suspensions: [{ firstDay: '2026-02-09', schoolDays: 8 }], lookedAfter: false, dueDate: '2026-02-24' },
    {
      when: 'consecutive suspensions that add up past five days',
      suspensions: [
        { firstDay: '2026-03-02', schoolDays: 3 },
        { firstDay: '2026-03-05', schoolDays: 4 },
      ],
      lookedAfter: false,
      dueDate: '2026-03-09',
    },
    { when: 'a suspension beginning on a Saturday', suspensions: [{ firstDay: '2026-01-10', schoolDays: 6 }], lookedAfter: false, dueDate: '2026-01-19' },
    { when: 'a looked-after pupil: from the first day', suspensions: [{ firstDay: '2026-01-12', schoolDays: 8 }], lookedAfter: true, dueDate: '2026-01-12' },
  ])('starts by the sixth school day: $when', ({ suspensions, lookedAfter, dueDate }) => {
    const placement = suspension(suspensions, { pupil: { ref: 'Y8-0007', initials: 'MK', lookedAfter } });
    expect(obligationsOf(placement, '2026-01-05T09:00:00Z', 'suspension_provision_start').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  // Spring 2026 from Mon 2 Mar: day 1 Mon 2, 2 Tue 3, 3 Wed 4, 4 Thu 5, 5 Fri 6, 6 Mon 9, 7 Tue 10, 8 Wed 11.
  const tenDaysFromMonday2March = [{ firstDay: '2026-03-02', schoolDays: 10 }];

  it.each([
    {
      when: 'provision planned for the eighth school day of a suspension that began on a Monday: flagged at once',
      status: 'active',
      start: '2026-03-11',
      at: '2026-03-02T08:00:00Z',
      expected: [{ dueDate: '2026-03-09', stage: 'upcoming', warning: 'planned start Wed 11 Mar is after the sixth school day, Mon 9 Mar' }],
    },
    {
      when: 'the same, the day after the sixth school day: late by the deadline, though not yet at its planned start',
      status: 'active',
      start: '2026-03-11',
      at: '2026-03-10T09:00:00Z',
      expected: [{ dueDate: '2026-03-09', stage: 'overdue', warning: 'planned start Wed 11 Mar is after the sixth school day, Mon 9 Mar' }],
    },
    { when: 'the same, once the provision has begun on Wed 11 Mar', status: 'active', start: '2026-03-11', at: '2026-03-11T09:00:00Z', expected: [] },
    {
      when: 'active and planned for the sixth day, but not begun yet on Fri 6 Mar',
      status: 'active',
      start: '2026-03-09',
      at: '2026-03-06T09:00:00Z',
      expected: [{ dueDate: '2026-03-09', stage: 'upcoming' }],
    },
    { when: 'begun on the sixth day, Mon 9 Mar', status: 'active', start: '2026-03-09', at: '2026-03-09T09:00:00Z', expected: [] },
    {
      when: 'never arranged, three school days past the sixth (Tue 10, Wed 11, Thu 12)',
      status: 'proposed',
      start: '2026-03-09',
      at: '2026-03-12T09:00:00Z',
      expected: [{ dueDate: '2026-03-09', stage: 'escalated' }],
    },
  ])('provision must have begun by the sixth school day: $when', ({ status, start, at, expected }) => {
    const placement = suspension(tenDaysFromMonday2March, { status, start });
    const found = deriveObligations(placement, aSchool(), new Date(at)).filter((o) => o.type === 'suspension_provision_start');
    expect(found.map((o) => ({ dueDate: o.dueDate, stage: o.stage, ...(o.warning ? { warning: o.warning } : {}) }))).toEqual(expected);
  });

  it('a looked-after pupil: provision planned for the second day is flagged against the first', () => {
    const placement = suspension(tenDaysFromMonday2March, { status: 'active', start: '2026-03-03', pupil: { ref: 'Y8-0007', initials: 'MK', lookedAfter: true } });
    const [duty] = deriveObligations(placement, aSchool(), new Date('2026-03-02T09:00:00Z')).filter((o) => o.type === 'suspension_provision_start');
    expect([duty?.dueDate, duty?.warning]).toEqual(['2026-03-02', 'planned start Tue 3 Mar is after the first day of the suspension, Mon 2 Mar']);
  });

  it.each([
    { when: 'one suspension of five school days', suspensions: [{ firstDay: '2026-01-12', schoolDays: 5 }], lookedAfter: false },
    {
      when: 'consecutive suspensions adding up to exactly five (Thu 26, Fri 27 Feb; Mon 2 to Wed 4 Mar)',
      suspensions: [
        { firstDay: '2026-02-26', schoolDays: 2 },
        { firstDay: '2026-03-02', schoolDays: 3 },
      ],
      lookedAfter: false,
    },
    { when: 'a looked-after pupil suspended for one day', suspensions: [{ firstDay: '2026-03-02', schoolDays: 1 }], lookedAfter: true },
  ])('owes no provision and no provision duty at all for $when', ({ suspensions, lookedAfter }) => {
    for (const status of ['proposed', 'active']) {
      const placement = suspension(suspensions, { status, start: '2026-03-02', pupil: { ref: 'Y8-0007', initials: 'MK', lookedAfter } });
      expect(deriveObligations(placement, aSchool(), new Date('2026-03-02T09:00:00Z'))).toEqual([]);
    }
  });

  it('six school days added up from two suspensions do owe provision', () => {
    const placement = suspension(
      [
        { firstDay: '2026-02-26', schoolDays: 2 },
        { firstDay: '2026-03-02', schoolDays: 4 },
      ],
      { start: '2026-03-05' },
    );
    expect(obligationsOf(placement, '2026-03-02T09:00:00Z', 'suspension_provision_start').map((o) => o.dueDate)).toEqual(['2026-03-05']);
  });

  it.each([
    {
      when: 'provision from the sixth day, parents agreed to shorter notice: the agreement does not count',
      start: '2026-03-09',
      history: [{ type: 'parent_agreement', on: '2026-03-05' }],
      expected: [{ dueDate: '2026-03-07', dueAt: '2026-03-07T08:45:00.000Z' }],
    },
    { when: 'provision from the fourth day (Thu 5 Mar), parents agreed to shorter notice', start: '2026-03-05', history: [{ type: 'parent_agreement', on: '2026-03-04' }], expected: [] },
    {
      when: 'provision from the fourth day with no agreement: 48 hours before, Tue 3 Mar 08:45',
      start: '2026-03-05',
      history: [],
      expected: [{ dueDate: '2026-03-03', dueAt: '2026-03-03T08:45:00.000Z' }],
    },
    { when: 'the information sent', start: '2026-03-09', history: [{ type: 'parent_notice', on: '2026-03-04' }], expected: [] },
  ])('parents told 48 hours before the provision starts: $when', ({ start, history, expected }) => {
    const placement = suspension(tenDaysFromMonday2March, { start, history });
    const found = deriveObligations(placement, aSchool(), new Date('2026-03-02T09:00:00Z')).filter((o) => o.type === 'suspension_parent_information');
    expect(found.map((o) => ({ dueDate: o.dueDate, dueAt: o.dueAt.toISOString() }))).toEqual(expected);
  });

  it.each([
    { when: 'a Monday start in winter: by Saturday 08:45 GMT', start: '2026-01-19', dueDate: '2026-01-17', dueAt: '2026-01-17T08:45:00.000Z' },
    { when: 'a Wednesday start in summer: by Monday 08:45 BST', start: '2026-06-03', dueDate: '2026-06-01', dueAt: '2026-06-01T07:45:00.000Z' },
  ])('parents are told 48 clock hours ahead: $when', ({ start, dueDate, dueAt }) => {
    const placement = suspension([{ firstDay: '2026-01-12', schoolDays: 8 }], { start });
    const [info] = deriveObligations(placement, aSchool(), new Date('2026-01-05T09:00:00Z')).filter((o) => o.type === 'suspension_parent_information');
    expect([info?.dueDate, info?.dueAt.toISOString()]).toEqual([dueDate, dueAt]);
  });

  it.each([
    { at: '2026-01-17T08:00:00Z', stage: 'due' },
    { at: '2026-01-17T09:00:00Z', stage: 'overdue' },
  ])('the 48-hour deadline is exact to the minute: at $at it is $stage', ({ at, stage }) => {
    const placement = suspension([{ firstDay: '2026-01-12', schoolDays: 8 }], { start: '2026-01-19' });
    expect(obligationsOf(placement, at, 'suspension_parent_information').map((o) => o.stage)).toEqual([stage]);
  });
});
