import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditEntryInput, AuditLog, AuditQuery } from '../../../ports/auditLog.ts';
import { plainCopy } from '../plainCopy.ts';
import type { JournalDatabase } from './journalDatabase.ts';

/** The entry an append would add, or the one already logged under its idempotency key. */
export function auditEntryFor(db: JournalDatabase, input: AuditEntryInput): { entry: AuditEntry; created: boolean } {
  if (input.idempotencyKey !== null) {
    const known = db.auditEntryByKey(input.schoolId, input.idempotencyKey);
    if (known) return { entry: known.entry(input.schoolId), created: false };
  }
  const last = db.audit.get(input.schoolId)?.at(-1)?.seq ?? 0;
  return { entry: { ...plainCopy(input), id: randomUUID(), seq: last + 1 }, created: true };
}

export class JournalAuditLog implements AuditLog {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const { entry, created } = auditEntryFor(this.#db, input);
    await (created ? this.#db.commit([{ kind: 'audit', value: entry }]) : this.#db.durable());
    return plainCopy(entry);
  }

  async list(schoolId: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
    const since = query.since?.getTime();
    const matches = (this.#db.audit.get(schoolId) ?? []).filter(
      (e) =>
        (query.placementId === undefined || e.placementId === query.placementId) &&
        (query.actor === undefined || e.actor === query.actor) &&
        (since === undefined || e.at >= since),
    );
    return (query.limit === undefined ? matches : matches.slice(0, Math.max(0, query.limit))).map((e) => e.entry(schoolId));
  }
}
