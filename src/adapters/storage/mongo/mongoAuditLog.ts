import type { AuditEntry, AuditEntryInput, AuditLog, AuditQuery } from '../../../ports/auditLog.ts';
import { plainCopy } from '../plainCopy.ts';
import { auditKeyFilter, isDuplicateKeyError, type AuditDoc, type Models } from './models.ts';

export class MongoAuditLog implements AuditLog {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const entry = plainCopy(input);
    const known = await this.#byKey(entry);
    if (known) return known;
    // Seq comes from a per-school counter; a failed insert leaves a gap, which "strictly increasing" allows.
    const counter = await this.#models.counters
      .findOneAndUpdate({ _id: entry.schoolId }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean();
    if (!counter) throw new Error('audit counter upsert returned nothing');
    try {
      const created = await this.#models.audit.create({ ...entry, seq: counter.seq });
      return toEntry(created.toObject());
    } catch (error) {
      // Someone logged the same key meanwhile (a concurrent replay): theirs is the first.
      const raced = isDuplicateKeyError(error) ? await this.#byKey(entry) : undefined;
      if (raced) return raced;
      throw error;
    }
  }

  async list(schoolId: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = { schoolId };
    if (query.placementId !== undefined) filter.placementId = query.placementId;
    if (query.actor !== undefined) filter.actor = query.actor;
    if (query.since !== undefined) filter.at = { $gte: query.since };
    // MongoDB reads a limit of 0 as "no limit"; the port means none.
    if (query.limit !== undefined && query.limit <= 0) return [];
    const find = this.#models.audit.find(filter).sort({ seq: 1 });
    if (query.limit !== undefined) find.limit(query.limit);
    return (await find.lean()).map(toEntry);
  }

  async #byKey(entry: AuditEntryInput): Promise<AuditEntry | undefined> {
    if (entry.idempotencyKey === null) return undefined;
    const doc = await this.#models.audit.findOne(auditKeyFilter(entry.schoolId, entry.idempotencyKey)).lean();
    return doc ? toEntry(doc) : undefined;
  }
}

export function toEntry(doc: AuditDoc): AuditEntry {
  return {
    id: doc._id.toHexString(),
    seq: doc.seq,
    schoolId: doc.schoolId,
    at: doc.at,
    actor: doc.actor,
    role: doc.role ?? null,
    action: doc.action,
    placementId: doc.placementId ?? null,
    idempotencyKey: doc.idempotencyKey ?? null,
    outcome: doc.outcome,
    summary: doc.summary,
  };
}
