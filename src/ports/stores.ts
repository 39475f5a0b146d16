import type { AttendanceStore } from './attendanceStore.ts';
import type { AuditLog } from './auditLog.ts';
import type { ConversationStore } from './conversationStore.ts';
import type { NudgeOutbox } from './nudgeOutbox.ts';
import type { PlacementStore } from './placementStore.ts';
import type { ProviderStore } from './providerStore.ts';
import type { SchoolStore } from './schoolStore.ts';
import type { StoreBackup } from './storeBackup.ts';

/** Every store the bot needs, from one backend; `close` releases it (connection, journal, lock). */
export interface Stores {
  placements: PlacementStore;
  providers: ProviderStore;
  audit: AuditLog;
  outbox: NudgeOutbox;
  attendance: AttendanceStore;
  schools: SchoolStore;
  conversations: ConversationStore;
  /** Every store's contents as one stream, for `ap backup` and `ap restore`. */
  backup: StoreBackup;
  /** Whether a write would go through now (not disk full, read-only or disconnected): what `/readyz` reports. */
  canWrite(): Promise<boolean>;
  close(): Promise<void>;
}
