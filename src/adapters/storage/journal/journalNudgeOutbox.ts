import { randomUUID } from 'node:crypto';
import type { NudgeOutbox, OutboxEntry, OutboxEntryInput, OutboxQuery } from '../../../ports/nudgeOutbox.ts';
import { deepFreeze } from '../../../core/deepFreeze.ts';
import { flat, plainCopy } from '../plainCopy.ts';
import { assertPositiveLease, outboxEntryNotFound } from '../storeRules.ts';
import type { Change, JournalDatabase, KeptNudge } from './journalDatabase.ts';

/** An entry as handed out: a record of its own, message included, so a reader can change nothing kept. */
const handedOut = (kept: KeptNudge): OutboxEntry => kept.entry(true);

/**
 * A new entry, its message a copy frozen (its strings flattened) as the database keeps it. Frozen
 * before the journal writes it: written first and frozen after, a trust's sweep grew the old
 * generation by half as much again as in memory (measured), enough for a full collection of the
 * whole heap within the sweep.
 */
function newEntry({ schoolId, dedupeKey, recipient, message, notBefore }: OutboxEntryInput, now: Date): OutboxEntry {
  return {
    schoolId,
    dedupeKey,
    recipient: { schoolId: recipient.schoolId, staffId: recipient.staffId },
    message: deepFreeze(plainCopy(message), flat),
    notBefore: new Date(notBefore),
    id: randomUUID(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(notBefore),
    leaseUntil: null,
    lastError: null,
    createdAt: new Date(now),
    sentAt: null,
  };
}

export class JournalNudgeOutbox implements NudgeOutbox {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async enqueue(input: OutboxEntryInput, now: Date): Promise<{ entry: OutboxEntry; created: boolean }> {
    const known = this.#known(input);
    if (known) {
      const entry = handedOut(known);
      await this.#db.durable();
      return { entry, created: false };
    }
    const entry = newEntry(input, now);
    await this.#db.commit([{ kind: 'outbox', value: entry }]);
    // The store keeps the message now frozen in `entry`; the caller gets back the one it gave.
    return { entry: { ...entry, message: input.message }, created: true };
  }

  // All of them are one journal line.
  enqueueAll(inputs: readonly OutboxEntryInput[], now: Date): Promise<number> {
    return this.#db.commitBuilt(() => this.#newEntries(inputs, now));
  }

  #newEntries(inputs: readonly OutboxEntryInput[], now: Date): Change[] {
    const changes: Change[] = [];
    const added = new Map<string, Set<string>>();
    for (const input of inputs) {
      let ofSchool = added.get(input.schoolId);
      if (!ofSchool) added.set(input.schoolId, (ofSchool = new Set()));
      if (ofSchool.has(input.dedupeKey) || this.#known(input)) continue;
      ofSchool.add(input.dedupeKey);
      changes.push({ kind: 'outbox', value: newEntry(input, now) });
    }
    return changes;
  }

  #known(input: OutboxEntryInput): KeptNudge | undefined {
    return this.#db.outboxByDedupeKey.get(input.schoolId)?.get(input.dedupeKey);
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    assertPositiveLease(leaseMs);
    const at = now.getTime();
    const ready = [...this.#db.outbox.values()].filter((e) =>
      e.status === 'sending' ? e.leaseUntil !== null && e.leaseUntil <= at : (e.status === 'pending' || e.status === 'failed') && e.nextAttemptAt <= at,
    );
    // Stable sort: equal times keep insertion order, as Mongo's (createdAt, _id) order does.
    ready.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
    const leaseUntil = new Date(at + leaseMs);
    // Claimed, an entry may next be tried when its lease runs out.
    const claimed = ready.slice(0, Math.max(0, limit)).map((e): OutboxEntry => ({ ...e.entry(), status: 'sending', leaseUntil, nextAttemptAt: new Date(leaseUntil) }));
    if (claimed.length > 0) await this.#db.commit(claimed.map((value) => ({ kind: 'outbox', value })));
    return plainCopy(claimed);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.#update(id, { status: 'sent', sentAt: new Date(at), leaseUntil: null });
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    const attempts = this.#get(id).attempts + 1;
    await this.#update(id, { status: 'failed', attempts, lastError: error, nextAttemptAt: new Date(nextAttemptAt), leaseUntil: null });
  }

  async deadLetter(id: string, error: string): Promise<void> {
    await this.#update(id, { status: 'dead', lastError: error, leaseUntil: null });
  }

  async list(schoolId: string, query: OutboxQuery = {}): Promise<OutboxEntry[]> {
    const entries = [...this.#db.outbox.values()].filter(
      (e) =>
        e.schoolId === schoolId &&
        (query.status === undefined || query.status.includes(e.status)) &&
        (query.staffId === undefined || e.staffId === query.staffId),
    );
    return entries.sort((a, b) => a.createdAt - b.createdAt).map(handedOut);
  }

  #get(id: string): KeptNudge {
    const entry = this.#db.outbox.get(id);
    if (!entry) throw outboxEntryNotFound(id);
    return entry;
  }

  #update(id: string, change: Partial<OutboxEntry>): Promise<void> {
    return this.#db.commit([{ kind: 'outbox', value: { ...this.#get(id).entry(), ...change } }]);
  }
}
