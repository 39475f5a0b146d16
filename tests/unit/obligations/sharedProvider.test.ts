import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { withSharedProviders } from '../../../src/core/provider/provider.ts';
import { planNudges } from '../../../src/nudges/planNudges.ts';
import { aPlacement } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

const school = aSchool();
const MONDAY_9_FEB = new Date('2026-02-09T09:00:00Z');

/** Two pupils at Riverside Farm (PR-7), each placement carrying its own copy of the provider. */
const twoPupilsAtRiverside = (first: Record<string, unknown>, second: Record<string, unknown>) =>
  withSharedProviders([
    aPlacement({ id: 'P-001', pupil: { ref: 'Y9-0412', initials: 'JS' }, ...first }),
    aPlacement({ id: 'P-002', pupil: { ref: 'Y10-0031', initials: 'TK' }, ...second }),
  ]);
const riverside = (extra: Record<string, unknown> = {}) => ({ id: 'PR-7', name: 'Riverside Farm', riskAssessmentOn: '2025-09-01', documents: [{ type: 'insurance', expires: '2026-03-01' }], ...extra });
const dueOf = (placements: ReturnType<typeof twoPupilsAtRiverside>, type: string) =>
  placements.map((p) => deriveObligations(p, school, MONDAY_9_FEB).filter((o) => o.type === type).map((o) => `${p.id} ${o.subject ?? ''} ${o.dueDate} ${o.stage}`)).flat();

describe("a provider's checks belong to the provider, shared by every placement there (000 §7.8-7.9, 002 App E)", () => {
  it.each([
    {
      when: 'insurance renewed through one of two pupils counts for both',
      first: { provider: riverside(), history: [{ type: 'provider_document', on: '2026-02-05', documentType: 'insurance', expires: '2027-03-01' }] },
      second: { provider: riverside() },
      type: 'provider_document_expiry',
      expected: ['P-001 insurance 2027-03-01 scheduled', 'P-002 insurance 2027-03-01 scheduled'],
    },
    {
      when: 'insurance not yet renewed: chased for both from 30 days before Sun 1 Mar',
      first: { provider: riverside() },
      second: { provider: riverside() },
      type: 'provider_document_expiry',
      expected: ['P-001 insurance 2026-03-01 upcoming', 'P-002 insurance 2026-03-01 upcoming'],
    },
    {
      when: "the provider's risk assessment renewed through the second pupil on Thu 5 Feb: due again Fri 5 Feb 2027 for both",
      first: { provider: riverside() },
      second: { provider: riverside(), history: [{ type: 'provider_risk_assessment', on: '2026-02-05' }] },
      type: 'provider_risk_assessment_renewal',
      expected: ['P-001  2027-02-05 scheduled', 'P-002  2027-02-05 scheduled'],
    },
    {
      when: 'two copies of the provider that disagree: the later expiry stands for both',
      first: { provider: riverside() },
      second: { provider: riverside({ documents: [{ type: 'insurance', expires: '2026-09-01' }] }) },
      type: 'provider_document_expiry',
      expected: ['P-001 insurance 2026-09-01 scheduled', 'P-002 insurance 2026-09-01 scheduled'],
    },
  ])('$when', ({ first, second, type, expected }) => {
    expect(dueOf(twoPupilsAtRiverside(first, second), type)).toEqual(expected);
  });

  it('chases the insurance once for the provider, not once per pupil', () => {
    const placements = twoPupilsAtRiverside({ provider: riverside() }, { provider: riverside() });
    const due = placements.map((placement) => ({ placement, obligations: deriveObligations(placement, school, MONDAY_9_FEB) }));
    const insurance = planNudges(school, due, MONDAY_9_FEB).filter((n) => n.dedupeKey.includes('|provider_document_expiry|insurance|'));
    expect(insurance.map((n) => n.staffId)).toEqual(['s-aplead']);
  });
});
