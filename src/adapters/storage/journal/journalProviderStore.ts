import { mergeProvider, type Provider } from '../../../core/provider/provider.ts';
import type { ProviderStore } from '../../../ports/providerStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { keyOf, type JournalDatabase } from './journalDatabase.ts';
import { byCodeUnits } from '../../../core/byCodeUnits.ts';

export class JournalProviderStore implements ProviderStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async merge(schoolId: string, provider: Provider): Promise<Provider> {
    // Read and commit with no await between: atomic against another merge.
    const known = this.#db.providers.get(keyOf(schoolId, provider.id))?.provider;
    const record = plainCopy(known ? mergeProvider(known, provider) : provider);
    await this.#db.commit([{ kind: 'provider', value: { schoolId, provider: record } }]);
    return plainCopy(record);
  }

  async get(schoolId: string, providerId: string): Promise<Provider | undefined> {
    const stored = this.#db.providers.get(keyOf(schoolId, providerId));
    return stored && plainCopy(stored.provider);
  }

  async list(schoolId: string): Promise<Provider[]> {
    return [...this.#db.providers.values()]
      .filter((p) => p.schoolId === schoolId)
      .map((p) => plainCopy(p.provider))
      .sort((a, b) => byCodeUnits(a.id, b.id));
  }
}
