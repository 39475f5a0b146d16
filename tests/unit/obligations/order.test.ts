import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compareObligations } from '../../../src/core/obligations/deriveObligations.ts';
import { OBLIGATION_TYPES, type Obligation } from '../../../src/core/obligations/obligation.ts';

// The order every due list has always had: by date, then type, placement and subject, as the locale compares them.
const byLocale = (a: Obligation, b: Obligation) =>
  a.dueDate.localeCompare(b.dueDate) || a.type.localeCompare(b.type) || a.placementId.localeCompare(b.placementId) || (a.subject ?? '').localeCompare(b.subject ?? '');

const anObligation = fc.record({
  dueDate: fc.date({ min: new Date('2025-09-01'), max: new Date('2027-08-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  type: fc.constantFrom(...OBLIGATION_TYPES),
  placementId: fc.oneof(fc.constantFrom('P-1', 'p-1', 'P_2', 'P-10', 'P-2', 'Ä-3', 'ap-7'), fc.stringMatching(/^[A-Z0-9 -]{0,5}$/), fc.stringMatching(/^[a-z0-9 -]{0,5}$/)),
  subject: fc.option(
    fc.oneof(fc.constantFrom('2026-02-09 am', '2026-02-09 pm', 'insurance', 'Insurance', 'dbs_check', 'dbs-check', 'Autumn first half'), fc.stringMatching(/^[a-zA-Z0-9 _-]{0,5}$/)),
    { nil: null },
  ),
}) as unknown as fc.Arbitrary<Obligation>;

describe('the order of a due list', () => {
  it('needs no collator (nor the locale tables it loads) for ids, dates and codes in one case of plain ASCII', async () => {
    vi.resetModules();
    const Original = Intl.Collator;
    let built = 0;
    Intl.Collator = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.Collator>) {
        super(...args);
        built++;
      }
    } as typeof Intl.Collator;
    try {
      const { compareObligations: fresh } = await import('../../../src/core/obligations/deriveObligations.ts');
      const due = (placementId: string, subject: string | null) => ({ dueDate: '2026-02-09', type: 'attendance_confirmation', placementId, subject }) as unknown as Obligation;
      const list = [due('P-10', '2026-02-09 pm'), due('P-2', 'headteacher'), due('P-10', '2026-02-09 am'), due('PR-7', null), due('P-2', 'ap_lead')].sort(fresh);
      expect(list.map((o) => [o.placementId, o.subject])).toEqual([['P-10', '2026-02-09 am'], ['P-10', '2026-02-09 pm'], ['P-2', 'ap_lead'], ['P-2', 'headteacher'], ['PR-7', null]]);
      expect(built).toBe(0);
      // Text outside that (a name with an accent, mixed case) is the collator's to order.
      expect([due('Émile-1', null), due('Zoe-1', null), due('adam-1', null)].sort(fresh).map((o) => o.placementId)).toEqual(['adam-1', 'Émile-1', 'Zoe-1']);
      expect(built).toBe(1);
    } finally {
      Intl.Collator = Original;
    }
  });

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

  it('orders ids and subjects of the same date and type as the locale does, whatever ASCII they are written in', () => {
    const same = (placementId: string, subject: string) => ({ dueDate: '2026-02-09', type: 'placement_review', placementId, subject }) as unknown as Obligation;
    const text = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9 _-]{0,4}$/), fc.stringMatching(/^[a-z_ -]{0,4}$/), fc.stringMatching(/^[A-Z0-9 _-]{0,4}$/));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 12 }), (pairs) => {
        const list = pairs.map(([id, subject]) => same(id, subject));
        const ours = [...list].sort(compareObligations).map((o) => [o.placementId, o.subject]);
        const theirs = [...list].sort((a, b) => a.placementId.localeCompare(b.placementId) || (a.subject ?? '').localeCompare(b.subject ?? '')).map((o) => [o.placementId, o.subject]);
        expect(ours).toEqual(theirs);
      }),
      { seed: 17, numRuns: 1000 },
    );
  });
});
