import { randomUUID } from 'node:crypto';
import type { NudgeOutbox, OutboxEntry, OutboxEntryInput, OutboxQuery } from '../../../ports/nudgeOutbox.ts';
import { plainCopy } from '../plainCopy.ts';
import { assertPositiveLease, outboxEntryNotFound } from '../storeRules.ts';
import { keyOf, type JournalDatabase } from './journalDatabase.ts';

export class JournalNudgeOutbox implements NudgeOutbox {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async enqueue(input: OutboxEntryInput, now: Date): Promise<{ entry: OutboxEntry; created: boolean }> {
    const knownId = this.#db.outboxByDedupeKey.get(keyOf(input.schoolId, input.dedupeKey));
    const known = knownId === undefined ? undefined : this.#db.outbox.get(knownId);
    if (known) return { entry: plainCopy(known), created: false };
    const entry: OutboxEntry = {
      ...plainCopy(input),
      id: randomUUID(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(input.notBefore),
      leaseUntil: null,
      lastError: null,
      createdAt: new Date(now),
      sentAt: null,
    };
    this.#db.commit([{ kind: 'outbox', value: entry }]);
    return { entry: plainCopy(entry), created: true };
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    assertPositiveLease(leaseMs);
    const at = now.getTime();
    const ready = [...this.#db.outbox.values()].filter((e) =>
      e.status === 'sending'
        ? e.leaseUntil !== null && e.leaseUntil.getTime() <= at
        : (e.status === 'pending' || e.status === 'failed') && e.nextAttemptAt.getTime() <= at,
    );
    // Stable sort: equal times keep insertion order, as Mongo's (createdAt, _id) order does.
    ready.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
    const leaseUntil = new Date(at + leaseMs);
    // Claimed, an entry may next be tried when its lease runs out.
    const claimed = ready.slice(0, Math.max(0, limit)).map((e): OutboxEntry => ({ ...e, status: 'sending', leaseUntil, nextAttemptAt: new Date(leaseUntil) }));
    if (claimed.length > 0) this.#db.commit(claimed.map((value) => ({ kind: 'outbox', value })));
    return plainCopy(claimed);
  }

  async markSent(id: string, at: Date): Promise<void> {
    this.#update(id, { status: 'sent', sentAt: new Date(at), leaseUntil: null });
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    const attempts = this.#get(id).attempts + 1;
    this.#update(id, { status: 'failed', attempts, lastError: error, nextAttemptAt: new Date(nextAttemptAt), leaseUntil: null });
  }

  async deadLetter(id: string, error: string): Promise<void> {
    this.#update(id, { status: 'dead', lastError: error, leaseUntil: null });
  }

  async list(schoolId: string, query: OutboxQuery = {}): Promise<OutboxEntry[]> {
    const entries = [...this.#db.outbox.values()].filter(
      (e) =>
        e.schoolId === schoolId &&
        (query.status === undefined || query.status.includes(e.status)) &&
        (query.staffId === undefined || e.recipient.staffId === query.staffId),
    );
    return plainCopy(entries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
  }

  #get(id: string): OutboxEntry {
    const entry = this.#db.outbox.get(id);
    if (!entry) throw outboxEntryNotFound(id);
    return entry;
  }

  #update(id: string, change: Partial<OutboxEntry>): void {
    this.#db.commit([{ kind: 'outbox', value: { ...this.#get(id), ...change } }]);
  }
}
