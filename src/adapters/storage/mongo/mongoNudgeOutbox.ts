import { isValidObjectId, type UpdateQuery } from 'mongoose';
import type { NudgeOutbox, OutboxEntry, OutboxEntryInput, OutboxQuery, OutboxStatus } from '../../../ports/nudgeOutbox.ts';
import { plainCopy } from '../plainCopy.ts';
import { assertPositiveLease, outboxEntryNotFound } from '../storeRules.ts';
import { isDuplicateKeyError, type Models, type OutboxDoc } from './models.ts';

// `_id` (an ObjectId) breaks ties in creation order, as insertion order does in the memory store.
const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;
export const CLAIM_ORDER = { nextAttemptAt: 1, ...OLDEST_FIRST } as const;

/**
 * Entries a claim may take at `now`, in the shape the `{ status, nextAttemptAt, createdAt, _id }`
 * index serves. The lease test only matters for entries claimed by an apbot from before claims
 * moved `nextAttemptAt` to the lease's end (still running during a rolling upgrade).
 */
export function readyFilter(now: Date) {
  const claimable: OutboxStatus[] = ['pending', 'failed', 'sending'];
  return { status: { $in: claimable }, nextAttemptAt: { $lte: now }, leaseUntil: { $not: { $gt: now } } };
}

export class MongoNudgeOutbox implements NudgeOutbox {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async enqueue(input: OutboxEntryInput, now: Date): Promise<{ entry: OutboxEntry; created: boolean }> {
    const entry = plainCopy(input);
    try {
      const created = await this.#models.outbox.create({
        ...entry,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: entry.notBefore,
        leaseUntil: null,
        lastError: null,
        createdAt: now,
        sentAt: null,
      });
      return { entry: toEntry(created.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const known = await this.#models.outbox.findOne({ schoolId: entry.schoolId, dedupeKey: entry.dedupeKey }).lean();
      if (!known) throw error;
      return { entry: toEntry(known), created: false };
    }
  }

  // One at a time: each insert leans on the unique dedupe index, as `enqueue` does.
  async enqueueAll(entries: readonly OutboxEntryInput[], now: Date): Promise<number> {
    let added = 0;
    for (const entry of entries) if ((await this.enqueue(entry, now)).created) added++;
    return added;
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    assertPositiveLease(leaseMs);
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const claimed: OutboxDoc[] = [];
    // One atomic update per entry: two claimers can never both win the same one. A claimed entry's
    // next attempt moves to the end of its lease, so it leaves the ready range and the next seek skips it.
    while (claimed.length < limit) {
      const doc = await this.#models.outbox
        .findOneAndUpdate(readyFilter(now), { $set: { status: 'sending', leaseUntil, nextAttemptAt: leaseUntil } }, { sort: CLAIM_ORDER, returnDocument: 'after' })
        .lean();
      if (!doc) break;
      claimed.push(doc);
    }
    return claimed.map(toEntry);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.#update(id, { $set: { status: 'sent', sentAt: at, leaseUntil: null } });
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.#update(id, { $set: { status: 'failed', lastError: error, nextAttemptAt, leaseUntil: null }, $inc: { attempts: 1 } });
  }

  async deadLetter(id: string, error: string): Promise<void> {
    await this.#update(id, { $set: { status: 'dead', lastError: error, leaseUntil: null } });
  }

  async list(schoolId: string, query: OutboxQuery = {}): Promise<OutboxEntry[]> {
    const filter: Record<string, unknown> = { schoolId };
    if (query.status !== undefined) filter.status = { $in: query.status };
    if (query.staffId !== undefined) filter['recipient.staffId'] = query.staffId;
    const docs = await this.#models.outbox.find(filter).sort(OLDEST_FIRST).lean();
    return docs.map(toEntry);
  }

  async #update(id: string, update: UpdateQuery<OutboxDoc>): Promise<void> {
    const found = isValidObjectId(id) ? await this.#models.outbox.findByIdAndUpdate(id, update).lean() : null;
    if (!found) throw outboxEntryNotFound(id);
  }
}

export function toEntry(doc: OutboxDoc): OutboxEntry {
  return {
    id: doc._id.toHexString(),
    schoolId: doc.schoolId,
    dedupeKey: doc.dedupeKey,
    recipient: doc.recipient,
    message: doc.message,
    notBefore: doc.notBefore,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    leaseUntil: doc.leaseUntil ?? null,
    lastError: doc.lastError ?? null,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt ?? null,
  };
}
