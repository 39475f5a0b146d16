import { isDeepStrictEqual } from 'node:util';
import type { SchoolConfig } from '../../../core/policy/schoolConfig.ts';
import type { SchoolStore, StoredSchool } from '../../../ports/schoolStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { isDuplicateKeyError, type Models, type SchoolVersionDoc } from './models.ts';

/** Every saved version is its own document; the latest is the highest version. */
export class MongoSchoolStore implements SchoolStore {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async save(schoolId: string, config: SchoolConfig, at: Date): Promise<StoredSchool> {
    const candidate = plainCopy(config);
    // Two saves racing for the same version: the loser compares against the winner and tries again.
    for (;;) {
      const latest = await this.get(schoolId);
      if (latest && isDeepStrictEqual(latest.config, candidate)) return latest;
      const saved: StoredSchool = { schoolId, version: (latest?.version ?? 0) + 1, config: candidate, savedAt: new Date(at) };
      try {
        await this.#models.schoolVersions.create(saved);
        return saved;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  async get(schoolId: string): Promise<StoredSchool | undefined> {
    const doc = await this.#models.schoolVersions.findOne({ schoolId }).sort({ version: -1 }).lean();
    return doc ? toSchool(doc) : undefined;
  }

  async list(): Promise<StoredSchool[]> {
    const docs = await this.#models.schoolVersions.aggregate<SchoolVersionDoc>([
      { $sort: { schoolId: 1, version: -1 } },
      { $group: { _id: '$schoolId', latest: { $first: '$$ROOT' } } },
      { $replaceRoot: { newRoot: '$latest' } },
      { $sort: { schoolId: 1 } },
    ]);
    return docs.map(toSchool);
  }

  async versions(schoolId: string): Promise<StoredSchool[]> {
    const docs = await this.#models.schoolVersions.find({ schoolId }).sort({ version: 1 }).lean();
    return docs.map(toSchool);
  }
}

function toSchool(doc: SchoolVersionDoc): StoredSchool {
  return { schoolId: doc.schoolId, version: doc.version, config: doc.config, savedAt: doc.savedAt };
}
