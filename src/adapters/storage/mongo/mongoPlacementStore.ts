import type { AuditEntryInput, AuditLog } from '../../../ports/auditLog.ts';
import type {
  DecisionResult,
  DecisionWrite,
  NextDueAtMove,
  PlacementCreate,
  PlacementFilter,
  PlacementRecord,
  PlacementStore,
} from '../../../ports/placementStore.ts';
import { plainCopy } from '../plainCopy.ts';
import {
  RECENT_DECISION_KEYS,
  assertWellFormedCreate,
  assertWellFormedDecision,
  changedMeanwhile,
  placementExists,
  placementNotFound,
} from '../storeRules.ts';
import { SCHEMA_VERSION } from './migrate.ts';
import { isDuplicateKeyError, pendingAuditFilter, type Models, type PlacementDoc } from './models.ts';

const idOf = (schoolId: string, placementId: string): string => `${schoolId}:${placementId}`;

// `$lte` a date matches only dates, so placements with nothing open (null) fall outside without a `$ne`.
export const dueFilter = (schoolId: string, before: Date) => ({ schoolId, nextDueAt: { $lte: before } });
export const DUE_ORDER = { nextDueAt: 1, _id: 1 } as const;

/**
 * One document per placement. Without multi-document transactions (a standalone server), a
 * decision's audit entry rides in the decision's own update as pending, and is then appended to the
 * log and cleared. A crash or failed append in between leaves it pending, never lost: a replay of
 * the key or the next sweep (`completeAudits`) appends it, and the log's unique key keeps it to one.
 */
export class MongoPlacementStore implements PlacementStore {
  readonly #models: Models;
  readonly #audit: AuditLog;

  constructor(models: Models, audit: AuditLog) {
    this.#models = models;
    this.#audit = audit;
  }

  async create(input: PlacementCreate): Promise<DecisionResult> {
    assertWellFormedCreate(input);
    const record = plainCopy(input.record);
    const audit = keyedAudit(input.audit, input.idempotencyKey);
    const _id = idOf(record.schoolId, record.placement.id);
    try {
      await this.#models.placements.create({
        _id,
        schoolId: record.schoolId,
        placement: record.placement,
        version: record.placement.version,
        nextDueAt: record.nextDueAt,
        decisionKeys: [input.idempotencyKey],
        pendingAudits: [audit],
        schemaVersion: SCHEMA_VERSION,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.#models.placements.findById(_id).lean();
      if (!existing?.decisionKeys.includes(input.idempotencyKey)) throw placementExists(record.placement.id);
      return this.#replay(existing, audit);
    }
    await this.#settle(_id, audit);
    return { record, replayed: false };
  }

  async get(schoolId: string, placementId: string): Promise<PlacementRecord | undefined> {
    const doc = await this.#models.placements.findById(idOf(schoolId, placementId)).lean();
    return doc ? toRecord(doc) : undefined;
  }

  async list(schoolId: string, filter: PlacementFilter = {}): Promise<PlacementRecord[]> {
    const query: Record<string, unknown> = { schoolId };
    if (filter.status !== undefined) query['placement.status'] = { $in: filter.status };
    if (filter.kind !== undefined) query['placement.kind'] = { $in: filter.kind };
    if (filter.pupilRef !== undefined) query['placement.pupil.ref'] = filter.pupilRef;
    if (filter.providerId !== undefined) query['placement.provider.id'] = filter.providerId;
    // Within a school, `_id` order is placement id order.
    const docs = await this.#models.placements.find(query).sort({ _id: 1 }).lean();
    return docs.map(toRecord);
  }

  async listDue(schoolId: string, before: Date): Promise<PlacementRecord[]> {
    const docs = await this.#models.placements.find(dueFilter(schoolId, before)).sort(DUE_ORDER).lean();
    return docs.map(toRecord);
  }

  async setNextDueAt(schoolId: string, placementId: string, version: number, nextDueAt: Date | null): Promise<boolean> {
    const result = await this.#models.placements.updateOne({ _id: idOf(schoolId, placementId), version }, { $set: { nextDueAt } });
    return result.matchedCount === 1;
  }

  async setNextDueAts(schoolId: string, moves: readonly NextDueAtMove[]): Promise<number> {
    if (moves.length === 0) return 0;
    const result = await this.#models.placements.bulkWrite(
      moves.map(({ placementId, version, nextDueAt }) => ({ updateOne: { filter: { _id: idOf(schoolId, placementId), version }, update: { $set: { nextDueAt } } } })),
      { ordered: false },
    );
    return result.matchedCount;
  }

  async applyDecision(write: DecisionWrite): Promise<DecisionResult> {
    assertWellFormedDecision(write);
    const _id = idOf(write.schoolId, write.placementId);
    const audit = keyedAudit(write.audit, write.idempotencyKey);
    const updated = await this.#models.placements
      .findOneAndUpdate(
        { _id, version: write.expectedVersion, decisionKeys: { $ne: write.idempotencyKey } },
        {
          $set: { placement: plainCopy(write.placement), version: write.placement.version, nextDueAt: write.nextDueAt, schemaVersion: SCHEMA_VERSION },
          $push: { decisionKeys: { $each: [write.idempotencyKey], $slice: -RECENT_DECISION_KEYS }, pendingAudits: audit },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (updated) {
      await this.#settle(_id, audit);
      return { record: toRecord(updated), replayed: false };
    }
    // Nothing matched: tell a replay from a conflict from a missing placement.
    const current = await this.#models.placements.findById(_id).lean();
    if (!current) throw placementNotFound(write.placementId);
    if (current.decisionKeys.includes(write.idempotencyKey)) return this.#replay(current, audit);
    throw changedMeanwhile();
  }

  async completeAudits(schoolId: string): Promise<number> {
    const docs = await this.#models.placements.find(pendingAuditFilter(schoolId), { pendingAudits: 1 }).lean();
    let appended = 0;
    for (const doc of docs)
      for (const audit of doc.pendingAudits ?? []) {
        await this.#appendPending(doc._id, audit);
        appended++;
      }
    return appended;
  }

  /**
   * The second half of a decision. The decision is already written, with this entry pending, so
   * it is acknowledged even if this fails: the entry then waits for a replay or the next sweep.
   */
  async #settle(_id: string, audit: AuditEntryInput): Promise<void> {
    await this.#appendPending(_id, audit).catch(() => undefined);
  }

  async #appendPending(_id: string, audit: AuditEntryInput): Promise<void> {
    await this.#audit.append(audit);
    await this.#models.placements.updateOne({ _id }, { $pull: { pendingAudits: { idempotencyKey: audit.idempotencyKey } } });
  }

  // The first write's own entry if it is still pending; otherwise this one, which the log ignores if the key is there.
  async #replay(current: PlacementDoc, audit: AuditEntryInput): Promise<DecisionResult> {
    const pending = current.pendingAudits?.find((p) => p.idempotencyKey === audit.idempotencyKey);
    await this.#appendPending(current._id, pending ?? audit);
    return { record: toRecord(current), replayed: true };
  }
}

function keyedAudit(audit: AuditEntryInput, idempotencyKey: string): AuditEntryInput {
  return plainCopy({ ...audit, idempotencyKey });
}

function toRecord(doc: PlacementDoc): PlacementRecord {
  return { schoolId: doc.schoolId, placement: doc.placement, nextDueAt: doc.nextDueAt ?? null };
}
