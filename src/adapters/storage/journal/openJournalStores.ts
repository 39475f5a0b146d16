import type { Stores } from '../../../ports/stores.ts';
import { Journal, type JournalIo } from './journalFile.ts';
import { JournalAttendanceStore } from './journalAttendanceStore.ts';
import { JournalAuditLog } from './journalAuditLog.ts';
import { JournalConversationStore } from './journalConversationStore.ts';
import { JournalDatabase } from './journalDatabase.ts';
import { JournalNudgeOutbox } from './journalNudgeOutbox.ts';
import { JournalPlacementStore } from './journalPlacementStore.ts';
import { JournalProviderStore } from './journalProviderStore.ts';
import { JournalSchoolStore } from './journalSchoolStore.ts';
import { JournalStoreBackup } from './journalStoreBackup.ts';

export interface JournalStoreOptions {
  /** Persist to an append-only journal here (locked to this process); without it nothing outlives the process. */
  dataDir?: string;
  /** Where journal recovery warnings go (a skipped torn line). */
  warn?: (message: string) => void;
  /** Where the journal's lines are written and synced: the file system unless a test fails them. */
  io?: JournalIo;
}

/** The embedded stores: in memory, optionally journalled to `dataDir` so a restart or crash loses nothing acknowledged. */
export async function openJournalStores(options: JournalStoreOptions = {}): Promise<Stores> {
  const db = new JournalDatabase();
  if (options.dataDir !== undefined) db.attach(Journal.open(options.dataDir, db, options.warn ?? ((message) => console.warn(message)), options.io));
  return {
    placements: new JournalPlacementStore(db),
    providers: new JournalProviderStore(db),
    audit: new JournalAuditLog(db),
    outbox: new JournalNudgeOutbox(db),
    attendance: new JournalAttendanceStore(db),
    schools: new JournalSchoolStore(db),
    conversations: new JournalConversationStore(db),
    backup: new JournalStoreBackup(db),
    canWrite: async () => db.canWrite(),
    close: async () => db.close(),
  };
}
