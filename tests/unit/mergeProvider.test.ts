import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/core/deepFreeze.ts';
import { mergeProvider, type Provider } from '../../src/core/provider/provider.ts';

const provider = (fields: Partial<Provider>): Provider => ({ id: 'PR-1', name: 'Farm', contacts: [], ofstedRegistered: false, documents: [], ...fields });

describe('two accounts of one provider made one record', () => {
  it('keeps the latest expiry of each document, one of each type in type order, and the latest risk assessment', () => {
    const older = provider({
      riskAssessmentOn: '2026-01-10',
      documents: [
        { type: 'insurance', expires: '2026-09-01' },
        { type: 'dbs', expires: '2027-03-01' },
        { type: 'insurance', expires: '2026-10-01' },
      ],
    });
    const newer = provider({ riskAssessmentOn: '2025-12-01', documents: [{ type: 'insurance', expires: '2026-08-01' }, { type: 'certificate', expires: '2028-01-01' }] });
    const merged = mergeProvider(older, newer);
    expect(merged.documents).toEqual([
      { type: 'certificate', expires: '2028-01-01' },
      { type: 'dbs', expires: '2027-03-01' },
      { type: 'insurance', expires: '2026-10-01' },
    ]);
    expect(merged.riskAssessmentOn).toBe('2026-01-10');
  });

  it("takes the newer account's name, its contacts and URN where it gives any, and never unregisters", () => {
    const older = provider({ name: 'Old name', contacts: [{ name: 'A. Lead' }], ofstedRegistered: true, urn: '1234567' });
    expect(mergeProvider(older, provider({ name: 'New name' }))).toMatchObject({ name: 'New name', contacts: [{ name: 'A. Lead' }], ofstedRegistered: true, urn: '1234567' });
    expect(mergeProvider(older, provider({ contacts: [{ name: 'B. Head' }], urn: '7654321' }))).toMatchObject({ contacts: [{ name: 'B. Head' }], urn: '7654321' });
    expect(mergeProvider(provider({}), provider({}))).not.toHaveProperty('urn');
    expect(mergeProvider(provider({}), provider({}))).not.toHaveProperty('riskAssessmentOn');
  });

  it('keeps fields it does not know from either account, reads frozen accounts and changes neither', () => {
    const older = deepFreeze(provider({ documents: [{ type: 'dbs', expires: '2027-03-01' }], ...{ notes: 'older' } }));
    const newer = deepFreeze(provider({ ...{ website: 'example.org' } }));
    const merged = mergeProvider(older, newer);
    expect(merged).toMatchObject({ notes: 'older', website: 'example.org', documents: [{ type: 'dbs', expires: '2027-03-01' }] });
    expect(merged.documents).not.toBe(older.documents);
    expect(older.documents).toEqual([{ type: 'dbs', expires: '2027-03-01' }]);
  });
});
