import type { Connection } from 'mongoose';
import type { Models } from './models.ts';

/** Indexes an older apbot made that a wider one now serves (same prefix, more keys). */
const SUPERSEDED: readonly { collection: string; name: string }[] = [
  { collection: 'placements', name: 'schoolId_1_nextDueAt_1' },
  { collection: 'outbox', name: 'status_1_nextAttemptAt_1' },
];

// Server error codes for an index or collection that is not there: nothing to drop.
const NOTHING_TO_DROP = new Set([26, 27]);

/**
 * Creates every index the models declare (a no-op for those already there), then drops the ones
 * they supersede, so an upgrade needs no manual step. Creating first means a replica still on the
 * old version never loses the index its queries use: the wider one serves them as well.
 */
export async function ensureIndexes(connection: Connection, models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  for (const { collection, name } of SUPERSEDED) {
    try {
      await connection.collection(collection).dropIndex(name);
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'code' in error && NOTHING_TO_DROP.has(Number(error.code)))) throw error;
    }
  }
}
