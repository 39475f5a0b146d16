import { AppError, ErrorCode } from '../../../core/errors.ts';
import type { AttendanceRecord } from '../../../ports/attendanceStore.ts';
import type { AuditEntry } from '../../../ports/auditLog.ts';
import type { StoredConversation } from '../../../ports/conversationStore.ts';
import type { OutboxEntry } from '../../../ports/nudgeOutbox.ts';
import type { StoredSchool } from '../../../ports/schoolStore.ts';
import type { StoredProvider } from '../../../ports/providerStore.ts';
import { STORE_ITEM_KINDS, type StoreItem } from '../../../ports/storeBackup.ts';

/** A placement with the idempotency keys recently applied to it, oldest first. */
export type StoredPlacement = Extract<StoreItem, { kind: 'placement' }>['value'];

/**
 * One item's new full state: the same items a backup holds. A commit is a list of these,
 * journalled as one line, so it is all-or-nothing.
 */
export type Change = StoreItem;

export const CHANGE_KINDS: ReadonlySet<string> = new Set(STORE_ITEM_KINDS);

/** Where commits go before they count as done (the journal); absent when nothing is persisted. */
export interface ChangeSink {
  append(changes: readonly Change[]): void;
  canWrite(): boolean;
  close(): void;
}

// Keys join ids with NUL, which no id contains.
export const keyOf = (...parts: string[]): string => parts.join('\u0000');

/**
 * The journal stores' shared state, held in memory. Every change goes through `commit`, synchronously, so a store
 * method that reads and then commits without awaiting in between is atomic.
 */
export class JournalDatabase {
  readonly placements = new Map<string, StoredPlacement>();
  /** The same placements by school, so a school's list or sweep never walks the other schools'. */
  readonly placementsBySchool = new Map<string, Map<string, StoredPlacement>>();
  /** Per school, in seq order. */
  readonly audit = new Map<string, AuditEntry[]>();
  readonly auditByKey = new Map<string, AuditEntry>();
  readonly #auditIds = new Set<string>();
  /** In insertion order, which is the tie-break for "oldest first". */
  readonly outbox = new Map<string, OutboxEntry>();
  readonly outboxByDedupeKey = new Map<string, string>();
  readonly attendance = new Map<string, AttendanceRecord>();
  /** The same marks by school and placement, and by school and date, so neither list scans them all. */
  readonly attendanceByPlacement = new Map<string, AttendanceRecord[]>();
  readonly attendanceByDate = new Map<string, AttendanceRecord[]>();
  /** Per school, oldest version first. */
  readonly schools = new Map<string, StoredSchool[]>();
  /** By school, staff member and platform. */
  readonly conversations = new Map<string, StoredConversation>();
  /** By school and provider id. */
  readonly providers = new Map<string, StoredProvider>();
  #sink: ChangeSink | undefined;
  #closed = false;

  attach(sink: ChangeSink): void {
    this.#sink = sink;
  }

  commit(changes: readonly Change[]): void {
    if (this.#closed) throw new AppError(ErrorCode.NotPossible, 'The store is closed.');
    // Journal first: if the write fails, memory is unchanged and the caller sees the error.
    this.#sink?.append(changes);
    for (const change of changes) this.apply(change);
  }

  /** Applies a change already made durable (a commit, or a journal line at start). */
  apply(change: Change): void {
    switch (change.kind) {
      case 'placement': {
        const { schoolId, placement } = change.value.record;
        this.placements.set(keyOf(schoolId, placement.id), change.value);
        let ofSchool = this.placementsBySchool.get(schoolId);
        if (!ofSchool) this.placementsBySchool.set(schoolId, (ofSchool = new Map()));
        ofSchool.set(placement.id, change.value);
        return;
      }
      case 'audit': {
        const entry = change.value;
        if (this.#auditIds.has(entry.id)) return;
        this.#auditIds.add(entry.id);
        const log = this.audit.get(entry.schoolId) ?? [];
        log.push(entry);
        this.audit.set(entry.schoolId, log);
        if (entry.idempotencyKey !== null) this.auditByKey.set(keyOf(entry.schoolId, entry.idempotencyKey), entry);
        return;
      }
      case 'outbox': {
        const entry = change.value;
        this.outbox.set(entry.id, entry);
        this.outboxByDedupeKey.set(keyOf(entry.schoolId, entry.dedupeKey), entry.id);
        return;
      }
      case 'attendance': {
        const mark = change.value;
        const key = keyOf(mark.schoolId, mark.placementId, mark.date, mark.session);
        const before = this.attendance.get(key);
        this.attendance.set(key, mark);
        putIn(this.attendanceByPlacement, keyOf(mark.schoolId, mark.placementId), before, mark);
        putIn(this.attendanceByDate, keyOf(mark.schoolId, mark.date), before, mark);
        return;
      }
      case 'school': {
        const saved = change.value;
        const versions = this.schools.get(saved.schoolId) ?? [];
        if (!versions.some((v) => v.version === saved.version)) versions.push(saved);
        this.schools.set(saved.schoolId, versions);
        return;
      }
      case 'conversation': {
        const { schoolId, staffId, platform } = change.value;
        this.conversations.set(keyOf(schoolId, staffId, platform), change.value);
        return;
      }
      case 'provider': {
        const { schoolId, provider } = change.value;
        this.providers.set(keyOf(schoolId, provider.id), change.value);
        return;
      }
    }
  }

  /** The whole state as changes, for compacting the journal. */
  *snapshot(): Generator<Change> {
    for (const value of this.placements.values()) yield { kind: 'placement', value };
    for (const log of this.audit.values()) for (const value of log) yield { kind: 'audit', value };
    for (const value of this.outbox.values()) yield { kind: 'outbox', value };
    for (const value of this.attendance.values()) yield { kind: 'attendance', value };
    for (const versions of this.schools.values()) for (const value of versions) yield { kind: 'school', value };
    for (const value of this.conversations.values()) yield { kind: 'conversation', value };
    for (const value of this.providers.values()) yield { kind: 'provider', value };
  }

  /** Whether a commit would be accepted now; always, when nothing is persisted. */
  canWrite(): boolean {
    return !this.#closed && (this.#sink?.canWrite() ?? true);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink?.close();
  }
}

/** Adds `value` to the list under `key`, in place of `replaced` when it was there. */
function putIn<T>(index: Map<string, T[]>, key: string, replaced: T | undefined, value: T): void {
  const list = index.get(key) ?? [];
  const at = replaced === undefined ? -1 : list.indexOf(replaced);
  if (at === -1) list.push(value);
  else list[at] = value;
  index.set(key, list);
}
