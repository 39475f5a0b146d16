import { AppError, ErrorCode } from '../../../core/errors.ts';
import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { AttendanceMark } from '../../../core/placement/events.ts';
import type { Session } from '../../../core/placement/placement.ts';
import { AttendanceRegister, type RegisterMark } from '../../../core/placement/attendanceRegister.ts';
import type { AttendanceRecord } from '../../../ports/attendanceStore.ts';
import type { AuditEntry } from '../../../ports/auditLog.ts';
import type { StoredConversation } from '../../../ports/conversationStore.ts';
import type { OutboxEntry, OutboxStatus } from '../../../ports/nudgeOutbox.ts';
import type { StoredSchool } from '../../../ports/schoolStore.ts';
import type { StoredProvider } from '../../../ports/providerStore.ts';
import { deepFreeze } from '../../../core/deepFreeze.ts';
import { flat, plainCopy } from '../plainCopy.ts';
import { STORE_ITEM_KINDS, type StoreItem } from '../../../ports/storeBackup.ts';

/** A placement with the idempotency keys recently applied to it, oldest first. */
export type StoredPlacement = Extract<StoreItem, { kind: 'placement' }>['value'];

/**
 * When a sweep next looks at a placement: all a sweep changes in it, so it is journalled without
 * the placement itself (a trust's cut-off sweep moves tens of thousands).
 */
export interface NextDueAtChange {
  kind: 'nextDueAt';
  value: { schoolId: string; placementId: string; nextDueAt: Date | null };
}

/**
 * A placement's new state whose history goes on from the first `kept` events of the history kept
 * now: `value` carries only the events after those, so a decision's journal line stays the size of
 * what it adds however long the placement's history grows.
 */
export interface PlacementGrownChange {
  kind: 'placementGrown';
  value: { kept: number; stored: StoredPlacement };
}

/**
 * One item's new full state (the same items a backup holds), a placement's new state as what it
 * adds, or a placement's next due instant. A commit is a list of these, journalled as one line, so
 * it is all-or-nothing.
 */
export type Change = StoreItem | PlacementGrownChange | NextDueAtChange;

export const CHANGE_KINDS: ReadonlySet<string> = new Set([...STORE_ITEM_KINDS, 'placementGrown', 'nextDueAt']);

/** Where commits go before they count as done (the journal); absent when nothing is persisted. */
export interface ChangeSink {
  /** Takes the commit's changes in order (throwing if it cannot); the promise settles once they are durable. */
  append(changes: readonly Change[]): Promise<void>;
  /** Settles once everything appended so far is durable. */
  durable(): Promise<void>;
  canWrite(): boolean;
  close(): Promise<void>;
}

const DONE = Promise.resolve();

// Keys join ids with NUL, which no id contains.
export const keyOf = (...parts: string[]): string => parts.join('\u0000');

/**
 * The journal stores' shared state, held in memory. Every change goes through `commit`, which
 * applies it at once, so a store method that reads and then commits without awaiting in between is
 * atomic; the caller then awaits the commit's promise, which settles once the change is durable.
 */
export class JournalDatabase {
  /**
   * By school, then id, so a school's list or sweep never walks the other schools'. Each record is
   * frozen as it is kept, so readers share it rather than copy it; a write replaces it whole.
   */
  readonly placements = new Map<string, Map<string, StoredPlacement>>();
  /** Per school, in seq order. */
  readonly audit = new Map<string, KeptAuditEntry[]>();
  /** Per school, by idempotency key. */
  readonly auditByKey = new Map<string, Map<string, KeptAuditEntry>>();
  readonly #auditIds = new Set<string>();
  /** In insertion order, which is the tie-break for "oldest first". */
  readonly outbox = new Map<string, KeptNudge>();
  /** Per school, by dedupe key. */
  readonly outboxByDedupeKey = new Map<string, Map<string, KeptNudge>>();
  /** Per school: each mark under its placement and under its date, so neither list scans them all. */
  readonly attendance = new Map<string, SchoolMarks>();
  /** Per school, oldest version first. */
  readonly schools = new Map<string, StoredSchool[]>();
  /** By school, staff member and platform. */
  readonly conversations = new Map<string, StoredConversation>();
  /** By school and provider id. */
  readonly providers = new Map<string, StoredProvider>();
  /** The few strings every mark and entry repeats (dates, sessions, staff, actions), held once. */
  readonly #words = new Map<string, string>();
  #sink: ChangeSink | undefined;
  #closed = false;

  #word<T extends string>(value: T): T {
    const known = this.#words.get(value) as T | undefined;
    if (known !== undefined) return known;
    const word = flat(value);
    this.#words.set(word, word);
    return word;
  }

  placement(schoolId: string, placementId: string): StoredPlacement | undefined {
    return this.placements.get(schoolId)?.get(placementId);
  }

  /** The mark of one session of a placement, if one was made. */
  markOf(schoolId: string, placementId: string, date: string, session: string): KeptMark | undefined {
    return this.attendance.get(schoolId)?.byPlacement.get(placementId)?.find((m) => m.date === date && m.session === session);
  }

  /**
   * A placement's marks as a register: made the first time it is asked for, then kept and given
   * each new mark as it is applied, so a sweep never reads the marks themselves again.
   */
  registerOf(schoolId: string, placementId: string): AttendanceRegister {
    const marks = this.attendance.get(schoolId);
    if (!marks) return AttendanceRegister.EMPTY;
    let register = marks.registers.get(placementId);
    if (!register) {
      register = AttendanceRegister.of((marks.byPlacement.get(placementId) ?? []).map(registerMarkOf));
      marks.registers.set(placementId, register);
    }
    return register;
  }

  /** The entry logged under an idempotency key, if any. */
  auditEntryByKey(schoolId: string, idempotencyKey: string): KeptAuditEntry | undefined {
    return this.auditByKey.get(schoolId)?.get(idempotencyKey);
  }

  attach(sink: ChangeSink): void {
    this.#sink = sink;
  }

  /**
   * Applies the changes now and settles once they are durable. Nothing may be answered as done
   * before then: if the journal fails, the promise rejects and memory is read back from the file.
   */
  commit(changes: readonly Change[]): Promise<void> {
    if (this.#closed) throw new AppError(ErrorCode.NotPossible, 'The store is closed.');
    // The line is queued first: if it cannot be (a broken journal), memory is unchanged.
    const durable = this.#sink?.append(changes) ?? DONE;
    for (const change of changes) this.apply(change);
    return durable;
  }

  /**
   * Commits the changes `build` makes, or waits for what is already on its way to disk when it
   * makes none, and settles with how many there were. A failure is a refusal, never a throw. Not
   * an async function, so nothing built is held while its line syncs (a sweep commits a school's
   * nudges at once, and holding them carried them into the old generation as garbage).
   */
  commitBuilt(build: () => readonly Change[]): Promise<number> {
    try {
      const changes = build();
      const count = changes.length;
      return (count > 0 ? this.commit(changes) : this.durable()).then(() => count);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Settles once every change applied so far is durable: an answer read from memory that commits
   * nothing (a replayed decision, a nudge already queued) waits for this before it is given.
   */
  durable(): Promise<void> {
    return this.#sink?.durable() ?? DONE;
  }

  /** Forgets everything, to be read back from the journal. */
  clear(): void {
    for (const map of [this.placements, this.audit, this.auditByKey, this.#auditIds, this.outbox, this.outboxByDedupeKey, this.attendance, this.schools, this.conversations, this.providers, this.#words])
      map.clear();
  }

  /** Applies a change already made durable (a commit, or a journal line at start). */
  apply(change: Change): void {
    switch (change.kind) {
      case 'placement': {
        const { schoolId, placement } = change.value.record;
        let ofSchool = this.placements.get(schoolId);
        if (!ofSchool) this.placements.set(schoolId, (ofSchool = new Map()));
        ofSchool.set(placement.id, deepFreeze(change.value, flat));
        return;
      }
      case 'placementGrown':
        return this.apply({ kind: 'placement', value: this.#grown(change.value) });
      case 'nextDueAt': {
        const { schoolId, placementId, nextDueAt } = change.value;
        const stored = this.placement(schoolId, placementId);
        if (stored) this.placements.get(schoolId)?.set(placementId, deepFreeze({ ...stored, record: { ...stored.record, nextDueAt } }, flat));
        return;
      }
      case 'audit': {
        const entry = change.value;
        const id = flat(entry.id);
        if (this.#auditIds.has(id)) return;
        this.#auditIds.add(id);
        const kept = new KeptAuditEntry(
          id,
          entry.seq,
          entry.at.getTime(),
          this.#word(entry.actor),
          entry.role === null ? null : this.#word(entry.role),
          this.#word(entry.action),
          entry.placementId === null ? null : this.#word(entry.placementId),
          flat(entry.idempotencyKey),
          entry.outcome,
          // Summaries repeat ("Attendance confirmed: 2026-02-09 am" for every pupil that morning).
          this.#word(entry.summary),
        );
        const schoolId = this.#word(entry.schoolId);
        let log = this.audit.get(schoolId);
        if (!log) this.audit.set(schoolId, (log = []));
        log.push(kept);
        if (kept.idempotencyKey !== null) {
          let byKey = this.auditByKey.get(schoolId);
          if (!byKey) this.auditByKey.set(schoolId, (byKey = new Map()));
          byKey.set(kept.idempotencyKey, kept);
        }
        return;
      }
      case 'outbox': {
        const entry = change.value;
        const schoolId = this.#word(entry.schoolId);
        const kept = new KeptNudge(
          flat(entry.id),
          schoolId,
          flat(entry.dedupeKey),
          this.#word(entry.recipient.schoolId),
          this.#word(entry.recipient.staffId),
          deepFreeze(entry.message, flat),
          entry.notBefore.getTime(),
          entry.status,
          entry.attempts,
          entry.nextAttemptAt.getTime(),
          entry.leaseUntil?.getTime() ?? null,
          flat(entry.lastError),
          entry.createdAt.getTime(),
          entry.sentAt?.getTime() ?? null,
        );
        this.outbox.set(kept.id, kept);
        let byKey = this.outboxByDedupeKey.get(schoolId);
        if (!byKey) this.outboxByDedupeKey.set(schoolId, (byKey = new Map()));
        byKey.set(kept.dedupeKey, kept);
        return;
      }
      case 'attendance': {
        const record = change.value;
        const schoolId = this.#word(record.schoolId);
        let marks = this.attendance.get(schoolId);
        if (!marks) this.attendance.set(schoolId, (marks = { byPlacement: new Map(), byDate: new Map(), registers: new Map() }));
        const mark = new KeptMark(this.#word(record.placementId), this.#word(record.date), this.#word(record.session), this.#word(record.mark), this.#word(record.by), record.at.getTime());
        const before = this.markOf(schoolId, mark.placementId, mark.date, mark.session);
        putIn(marks.byPlacement, mark.placementId, before, mark);
        putIn(marks.byDate, mark.date, before, mark);
        // A register already read gains the mark; one that replaced another is read afresh when next asked for.
        const register = marks.registers.get(mark.placementId);
        if (register && before) marks.registers.delete(mark.placementId);
        else if (register) marks.registers.set(mark.placementId, register.with([registerMarkOf(mark)]));
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

  /** A placement's new state in full: the events it kept (shared, frozen already) and those it adds. */
  #grown({ kept, stored }: PlacementGrownChange['value']): StoredPlacement {
    const { schoolId, placement } = stored.record;
    const before = this.placement(schoolId, placement.id)?.record.placement.history;
    if (!Number.isSafeInteger(kept) || kept < 0 || before === undefined || kept > before.length)
      throw new AppError(ErrorCode.NotPossible, `A change to placement ${placement.id} goes on from ${kept} events of a history the store does not hold: the journal is damaged.`);
    return { ...stored, record: { ...stored.record, placement: { ...placement, history: [...before.slice(0, kept), ...placement.history] } } };
  }

  /** The whole state as changes, for compacting the journal. */
  *snapshot(): Generator<StoreItem> {
    for (const ofSchool of this.placements.values()) for (const value of ofSchool.values()) yield { kind: 'placement', value };
    for (const [schoolId, log] of this.audit) for (const kept of log) yield { kind: 'audit', value: kept.entry(schoolId) };
    for (const kept of this.outbox.values()) yield { kind: 'outbox', value: kept.entry() };
    for (const [schoolId, marks] of this.attendance)
      for (const ofPlacement of marks.byPlacement.values()) for (const mark of ofPlacement) yield { kind: 'attendance', value: mark.record(schoolId) };
    for (const versions of this.schools.values()) for (const value of versions) yield { kind: 'school', value };
    for (const value of this.conversations.values()) yield { kind: 'conversation', value };
    for (const value of this.providers.values()) yield { kind: 'provider', value };
  }

  /** Whether a commit would be accepted now; always, when nothing is persisted. */
  canWrite(): boolean {
    return !this.#closed && (this.#sink?.canWrite() ?? true);
  }

  /** Refuses later commits, and settles once those already made are written. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#sink?.close();
  }
}

export interface SchoolMarks {
  byPlacement: Map<string, KeptMark[]>;
  byDate: Map<string, KeptMark[]>;
  /** Each placement's marks as a register, once read (see `JournalAttendanceStore.registerFor`). */
  registers: Map<string, AttendanceRegister>;
}

const registerMarkOf = (mark: KeptMark): RegisterMark => ({ on: mark.date, session: mark.session, mark: mark.mark });

// Marks and audit entries are most of what a trust holds: each is kept as one small object of
// fixed shape, its instant as a number and its repeated strings shared, and handed out as a new
// record in the port's shape each time it is read (so a reader can change nothing kept).

/** One attendance mark as kept (its school is where it is kept). */
export class KeptMark {
  constructor(
    readonly placementId: string,
    readonly date: LocalDate,
    readonly session: Session,
    readonly mark: AttendanceMark,
    readonly by: string,
    readonly at: number,
  ) {}

  record(schoolId: string): AttendanceRecord {
    return { schoolId, placementId: this.placementId, date: this.date, session: this.session, mark: this.mark, by: this.by, at: new Date(this.at) };
  }
}

/** One audit entry as kept (its school is whose log holds it). */
export class KeptAuditEntry {
  constructor(
    readonly id: string,
    readonly seq: number,
    readonly at: number,
    readonly actor: string,
    readonly role: string | null,
    readonly action: string,
    readonly placementId: string | null,
    readonly idempotencyKey: string | null,
    readonly outcome: AuditEntry['outcome'],
    readonly summary: string,
  ) {}

  entry(schoolId: string): AuditEntry {
    const { actor, role, action, placementId, idempotencyKey, outcome, summary, id, seq } = this;
    return { schoolId, at: new Date(this.at), actor, role, action, placementId, idempotencyKey, outcome, summary, id, seq };
  }
}

/**
 * One queued nudge as kept. Its message is frozen and shared with `entry()`; an entry handed out
 * of the store carries a copy (the message may hold instants, which cannot be frozen).
 */
export class KeptNudge {
  constructor(
    readonly id: string,
    readonly schoolId: string,
    readonly dedupeKey: string,
    readonly recipientSchoolId: string,
    readonly staffId: string,
    readonly message: unknown,
    readonly notBefore: number,
    readonly status: OutboxStatus,
    readonly attempts: number,
    readonly nextAttemptAt: number,
    readonly leaseUntil: number | null,
    readonly lastError: string | null,
    readonly createdAt: number,
    readonly sentAt: number | null,
  ) {}

  /** The entry in the port's shape; its message is the kept one unless `copyMessage`. */
  entry(copyMessage = false): OutboxEntry {
    const { schoolId, dedupeKey, id, status, attempts, lastError } = this;
    const message = copyMessage ? plainCopy(this.message) : this.message;
    const recipient = { schoolId: this.recipientSchoolId, staffId: this.staffId };
    const instant = (ms: number | null) => (ms === null ? null : new Date(ms));
    return {
      schoolId,
      dedupeKey,
      recipient,
      message,
      notBefore: new Date(this.notBefore),
      id,
      status,
      attempts,
      nextAttemptAt: new Date(this.nextAttemptAt),
      leaseUntil: instant(this.leaseUntil),
      lastError,
      createdAt: new Date(this.createdAt),
      sentAt: instant(this.sentAt),
    };
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
