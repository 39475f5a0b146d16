import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

describe('a placement from start to end', () => {
  it.each([
    { kind: 'off_site_ap' as const, history: [], expected: ['2026-01-05'] },
    { kind: 'off_site_direction' as const, history: [], expected: ['2026-01-05'] },
    { kind: 'off_site_ap' as const, history: [{ type: 'la_informed', on: '2026-01-05' }], expected: [] },
    { kind: 'on_site_ap' as const, history: [], expected: [] },
  ])('the local authority is told of a new $kind (000 §7.12): $expected', ({ kind, history, expected }) => {
    const placement = aPlacement({ kind, history: history });
    expect(obligationsOf(placement, '2026-01-05T09:00:00Z', 'la_informed').map((o) => o.dueDate)).toEqual(expected);
  });

  it.each([
    { end: '2026-03-27', dueDate: '2026-03-20' },
    { end: '2026-02-27', dueDate: '2026-02-12' },
  ])('a reintegration meeting five school days before a planned end of $end (000 §8.7)', ({ end, dueDate }) => {
    expect(obligationsOf(aPlacement({ end }), '2026-02-09T09:00:00Z', 'reintegration_meeting').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  it.each([
    { end: '2026-02-12', at: '2026-02-24T09:00:00Z', expected: [{ subject: null, dueDate: '2026-02-23', stage: 'overdue' }] },
    { end: '2026-03-27', at: '2026-04-14T09:00:00Z', expected: [{ subject: null, dueDate: '2026-04-13', stage: 'overdue' }] },
    { end: '2026-03-27', at: '2026-03-27T09:00:00Z', expected: [] },
  ])('a placement still open after its end of $end must be ended or extended', ({ end, at, expected }) => {
    expect(obligationsOf(aPlacement({ end }), at, 'placement_past_end')).toEqual(expected);
  });

  it('an ended placement owes nothing at all', () => {
    const ended = aPlacement({ status: 'ended', end: '2026-02-12', provider: { id: 'PR-7', name: 'Riverside Farm', documents: [{ type: 'insurance', expires: '2026-03-01' }] } });
    expect(deriveObligations(ended, aSchool(), new Date('2026-03-02T09:00:00Z'))).toEqual([]);
  });
});

describe('stages', () => {
  const firstHalf = (at: string, school = aSchool()) =>
    obligationsOf(aPlacement(), at, 'placement_review', school)
      .filter((o) => o.subject === 'Spring 2026 first half')
      .map((o) => o.stage);

  it.each([
    ['2026-02-04T09:00:00Z', 'scheduled', 'six school days before'],
    ['2026-02-05T09:00:00Z', 'upcoming', 'five school days before'],
    ['2026-02-12T09:00:00Z', 'due', 'on the day'],
    ['2026-02-23T09:00:00Z', 'overdue', 'one school day after'],
    ['2026-02-24T09:00:00Z', 'overdue', 'two school days after'],
    ['2026-02-25T09:00:00Z', 'escalated', 'three school days after'],
  ])('the review due Thu 12 Feb at %s is %s (%s)', (at, stage) => {
    expect(firstHalf(at)).toEqual([stage]);
  });

  it('follows the school policy for the lead time and the escalation', () => {
    const school = aSchool({ nudgeLeadSchoolDays: 1, escalateAfterSchoolDays: 0 });
    expect(firstHalf('2026-02-10T09:00:00Z', school)).toEqual(['scheduled']);
    expect(firstHalf('2026-02-23T09:00:00Z', school)).toEqual(['escalated']);
  });

  it('gives every obligation its owner, escalation and due instant at the end of the school day', () => {
    const [obligation] = deriveObligations(aPlacement(), aSchool(), new Date('2026-02-09T08:00:00Z')).filter((o) => o.type === 'placement_review');
    expect(obligation).toEqual({
      placementId: 'P-001',
      providerId: null,
      type: 'placement_review',
      subject: 'Spring 2026 first half',
      ownerRole: 'ap_lead',
      escalateToRole: 'headteacher',
      dueDate: '2026-02-12',
      dueAt: new Date('2026-02-12T15:15:00Z'),
      stage: 'upcoming',
      safeguarding: false,
      raisedBy: null,
      session: null,
    });
  });

  it('marks provider-level obligations with the provider', () => {
    const providerIds = deriveObligations(aPlacement(), aSchool(), new Date('2026-02-09T08:00:00Z'))
      .filter((o) => o.type === 'qa_visit' || o.type === 'provider_risk_assessment_renewal')
      .map((o) => o.providerId);
    expect(providerIds).toEqual(['PR-7', 'PR-7']);
  });
});
