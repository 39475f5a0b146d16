import { afterEach, beforeEach, expect, it } from 'vitest';
import { providerSchema, type Provider } from '../../src/core/provider/provider.ts';
import type { ProviderStore } from '../../src/ports/providerStore.ts';
import { OTHER_SCHOOL, SCHOOL, type ContractFactory } from './factories.ts';

const aProvider = (overrides: Record<string, unknown> = {}): Provider =>
  providerSchema.parse({
    id: 'prov-1',
    name: 'Riverside Learning Centre',
    contacts: [{ name: 'Ms T Green', role: 'Centre manager', email: 'office@riverside.example' }],
    ofstedRegistered: true,
    urn: '2654321',
    riskAssessmentOn: '2025-09-01',
    documents: [
      { type: 'insurance', expires: '2026-08-31' },
      { type: 'safeguarding_training', expires: '2027-06-30' },
    ],
    ...overrides,
  });

/** The behaviour every ProviderStore adapter shares. */
export function providerStoreContract(factory: ContractFactory<ProviderStore>): void {
  let providers: ProviderStore;

  beforeEach(async () => {
    providers = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  it('keeps a new provider as given, and knows nothing of one never stored', async () => {
    const provider = aProvider();
    expect(await providers.merge(SCHOOL, provider)).toEqual(provider);
    expect(await providers.get(SCHOOL, 'prov-1')).toEqual(provider);
    expect(await providers.get(SCHOOL, 'prov-2')).toBeUndefined();
  });

  it('takes a renewed document into the record, and never lets an older expiry or assessment replace a later one', async () => {
    await providers.merge(SCHOOL, aProvider());
    const renewed = await providers.merge(SCHOOL, aProvider({ name: 'Riverside Centre', contacts: [], riskAssessmentOn: '2025-06-01', documents: [{ type: 'insurance', expires: '2027-08-31' }] }));
    expect(renewed).toMatchObject({
      name: 'Riverside Centre',
      contacts: [{ name: 'Ms T Green', role: 'Centre manager', email: 'office@riverside.example' }],
      urn: '2654321',
      riskAssessmentOn: '2025-09-01',
      documents: [
        { type: 'insurance', expires: '2027-08-31' },
        { type: 'safeguarding_training', expires: '2027-06-30' },
      ],
    });
    expect(await providers.get(SCHOOL, 'prov-1')).toEqual(renewed);
  });

  it('loses neither of two renewals made at once', async () => {
    await providers.merge(SCHOOL, aProvider({ documents: [] }));
    await Promise.all([
      providers.merge(SCHOOL, aProvider({ documents: [{ type: 'insurance', expires: '2027-08-31' }] })),
      providers.merge(SCHOOL, aProvider({ documents: [{ type: 'dbs_confirmation', expires: '2028-01-31' }] })),
    ]);
    expect((await providers.get(SCHOOL, 'prov-1'))?.documents).toEqual([
      { type: 'dbs_confirmation', expires: '2028-01-31' },
      { type: 'insurance', expires: '2027-08-31' },
    ]);
  });

  it("lists a school's providers by id, never another school's", async () => {
    await providers.merge(SCHOOL, aProvider({ id: 'prov-2', name: 'Hilltop Farm' }));
    await providers.merge(SCHOOL, aProvider());
    await providers.merge(OTHER_SCHOOL, aProvider({ name: 'Elsewhere' }));
    expect((await providers.list(SCHOOL)).map((p) => [p.id, p.name])).toEqual([
      ['prov-1', 'Riverside Learning Centre'],
      ['prov-2', 'Hilltop Farm'],
    ]);
    expect((await providers.get(OTHER_SCHOOL, 'prov-1'))?.name).toBe('Elsewhere');
  });
}
