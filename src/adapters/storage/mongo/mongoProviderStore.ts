import { mergeProvider, type Provider } from '../../../core/provider/provider.ts';
import type { ProviderStore } from '../../../ports/providerStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { isDuplicateKeyError, type Models } from './models.ts';
import { byCodeUnits } from '../../../core/byCodeUnits.ts';

/** One document per provider; a merge is a read, then a write only if nobody wrote in between. */
export class MongoProviderStore implements ProviderStore {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async merge(schoolId: string, provider: Provider): Promise<Provider> {
    const _id = `${schoolId}:${provider.id}`;
    for (;;) {
      const doc = await this.#models.providers.findById(_id).lean();
      const record = plainCopy(doc ? mergeProvider(doc.provider, provider) : provider);
      if (!doc) {
        try {
          await this.#models.providers.create({ _id, schoolId, provider: record, version: 1 });
          return record;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          continue;
        }
      }
      const { matchedCount } = await this.#models.providers.updateOne({ _id, version: doc.version }, { $set: { provider: record, version: doc.version + 1 } });
      if (matchedCount === 1) return record;
    }
  }

  async get(schoolId: string, providerId: string): Promise<Provider | undefined> {
    const doc = await this.#models.providers.findById(`${schoolId}:${providerId}`).lean();
    return doc?.provider;
  }

  async list(schoolId: string): Promise<Provider[]> {
    const docs = await this.#models.providers.find({ schoolId }).sort({ _id: 1 }).lean();
    return docs.map((d) => d.provider).sort((a, b) => byCodeUnits(a.id, b.id));
  }
}
