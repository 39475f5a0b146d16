import { isDeepStrictEqual } from 'node:util';
import type { SchoolConfig } from '../../../core/policy/schoolConfig.ts';
import type { SchoolStore, StoredSchool } from '../../../ports/schoolStore.ts';
import { plainCopy } from '../plainCopy.ts';
import type { JournalDatabase } from './journalDatabase.ts';

export class JournalSchoolStore implements SchoolStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async save(schoolId: string, config: SchoolConfig, at: Date): Promise<StoredSchool> {
    const latest = this.#db.schools.get(schoolId)?.at(-1);
    const candidate = plainCopy(config);
    if (latest && isDeepStrictEqual(latest.config, candidate)) {
      const same = plainCopy(latest);
      await this.#db.durable();
      return same;
    }
    const saved: StoredSchool = { schoolId, version: (latest?.version ?? 0) + 1, config: candidate, savedAt: new Date(at) };
    await this.#db.commit([{ kind: 'school', value: saved }]);
    return plainCopy(saved);
  }

  async get(schoolId: string): Promise<StoredSchool | undefined> {
    const latest = this.#db.schools.get(schoolId)?.at(-1);
    return latest && plainCopy(latest);
  }

  async list(): Promise<StoredSchool[]> {
    const ids = [...this.#db.schools.keys()].sort();
    return ids.flatMap((id) => this.#db.schools.get(id)?.slice(-1) ?? []).map(plainCopy);
  }

  async versions(schoolId: string): Promise<StoredSchool[]> {
    return plainCopy(this.#db.schools.get(schoolId) ?? []);
  }
}
