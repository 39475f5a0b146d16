import type { AttendanceRecord } from './attendanceStore.ts';
import type { AuditEntry } from './auditLog.ts';
import type { StoredConversation } from './conversationStore.ts';
import type { OutboxEntry } from './nudgeOutbox.ts';
import type { PlacementRecord } from './placementStore.ts';
import type { StoredSchool } from './schoolStore.ts';
import type { StoredProvider } from './providerStore.ts';

/**
 * One item of a backup, the same whichever store wrote it: a placement (with the idempotency keys
 * it has seen, so a repeated press after a restore still records once), an audit entry, an outbox
 * entry, an attendance mark, a version of a school's config, a person's conversation, or a provider record.
 */
export type StoreItem =
  | { kind: 'placement'; value: { record: PlacementRecord; decisionKeys: string[] } }
  | { kind: 'audit'; value: AuditEntry }
  | { kind: 'outbox'; value: OutboxEntry }
  | { kind: 'attendance'; value: AttendanceRecord }
  | { kind: 'school'; value: StoredSchool }
  | { kind: 'conversation'; value: StoredConversation }
  | { kind: 'provider'; value: StoredProvider };

export const STORE_ITEM_KINDS = ['placement', 'audit', 'outbox', 'attendance', 'school', 'conversation', 'provider'] as const;

/** Everything a store holds, out and back in: a backup on one store restores on either. */
export interface StoreBackup {
  /** Every item, audit entries in their order. */
  items(): AsyncIterable<StoreItem>;
  /** Loads items into an empty store; a store that holds anything is refused and left alone. */
  restore(items: Iterable<StoreItem>): Promise<void>;
}
