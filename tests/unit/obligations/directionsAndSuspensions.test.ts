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

  it.each([
    { when: 'five school days in all', suspensions: [{ firstDay: '2026-01-12', schoolDays: 5 }], status: 'proposed' },
    { when: 'the provision has started', suspensions: [{ firstDay: '2026-01-12', schoolDays: 8 }], status: 'active' },
  ])('asks for no provision start when $when', ({ suspensions, status }) => {
    expect(obligationsOf(suspension(suspensions, { status }), '2026-01-05T09:00:00Z', 'suspension_provision_start')).toEqual([]);
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
