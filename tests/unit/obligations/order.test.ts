import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { OBLIGATION_TYPES, type Obligation } from '../../../src/core/obligations/obligation.ts';

// The order every due list has always had: by date, then type, placement and subject, as the locale compares them.
const byLocale = (a: Obligation, b: Obligation) =>
  a.dueDate.localeCompare(b.dueDate) || a.type.localeCompare(b.type) || a.placementId.localeCompare(b.placementId) || (a.subject ?? '').localeCompare(b.subject ?? '');

const anObligation = fc.record({
  dueDate: fc.date({ min: new Date('2025-09-01'), max: new Date('2027-08-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  type: fc.constantFrom(...OBLIGATION_TYPES),
  placementId: fc.constantFrom('P-1', 'p-1', 'P_2', 'P-10', 'P-2', 'Ä-3', 'ap-7'),
  subject: fc.option(fc.constantFrom('2026-02-09 am', '2026-02-09 pm', 'insurance', 'Insurance', 'dbs_check', 'dbs-check', 'Autumn first half'), { nil: null }),
}) as unknown as fc.Arbitrary<Obligation>;

describe('the order of a due list', () => {
  it('puts obligations by due date, then type, placement and subject, exactly as the locale orders those words', () => {
    fc.assert(
      fc.property(fc.array(anObligation, { maxLength: 30 }), (obligations) => {
        const ours = [...obligations].sort(compareObligations);
        const theirs = [...obligations].sort(byLocale);
        expect(ours.map((o) => [o.dueDate, o.type, o.placementId, o.subject])).toEqual(theirs.map((o) => [o.dueDate, o.type, o.placementId, o.subject]));
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});
