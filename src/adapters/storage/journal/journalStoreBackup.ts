import { AppError, ErrorCode } from '../../../core/errors.ts';
import type { StoreBackup, StoreItem } from '../../../ports/storeBackup.ts';
import type { JournalDatabase } from './journalDatabase.ts';

/** How many items go into one journal line while restoring. */
const BATCH = 500;

/** The embedded store's backup: its snapshot out, and items committed back in through the journal. */
export class JournalStoreBackup implements StoreBackup {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async *items(): AsyncIterable<StoreItem> {
    yield* this.#db.snapshot();
  }

  async restore(items: Iterable<StoreItem>): Promise<void> {
    const db = this.#db;
    if ([db.placements, db.audit, db.outbox, db.attendance, db.schools, db.conversations, db.providers].some((m) => m.size > 0))
      throw new AppError(ErrorCode.NotPossible, 'The store is not empty: restore a backup only into an empty store (a new DATA_DIR).');
    let batch: StoreItem[] = [];
    for (const item of items) {
      batch.push(item);
      if (batch.length === BATCH) {
        await db.commit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await db.commit(batch);
  }
}
