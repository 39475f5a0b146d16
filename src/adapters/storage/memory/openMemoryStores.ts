import type { Stores } from '../../../ports/stores.ts';
import { Journal } from './journal.ts';
import { MemoryAttendanceStore } from './memoryAttendanceStore.ts';
import { MemoryAuditLog } from './memoryAuditLog.ts';
import { MemoryConversationStore } from './memoryConversationStore.ts';
import { MemoryDatabase } from './memoryDatabase.ts';
import { MemoryNudgeOutbox } from './memoryNudgeOutbox.ts';
import { MemoryPlacementStore } from './memoryPlacementStore.ts';
import { MemorySchoolStore } from './memorySchoolStore.ts';

export interface MemoryStoreOptions {
  /** Persist to an append-only journal here (locked to this process); without it nothing outlives the process. */
  dataDir?: string;
  /** Where journal recovery warnings go (a skipped torn line). */
  warn?: (message: string) => void;
}

/** The embedded stores: in memory, optionally journalled to `dataDir` so a restart or crash loses nothing acknowledged. */
export async function openMemoryStores(options: MemoryStoreOptions = {}): Promise<Stores> {
  const db = new MemoryDatabase();
  if (options.dataDir !== undefined) db.attach(Journal.open(options.dataDir, db, options.warn ?? ((message) => console.warn(message))));
  return {
    placements: new MemoryPlacementStore(db),
    audit: new MemoryAuditLog(db),
    outbox: new MemoryNudgeOutbox(db),
    attendance: new MemoryAttendanceStore(db),
    schools: new MemorySchoolStore(db),
    conversations: new MemoryConversationStore(db),
    close: async () => db.close(),
  };
}
