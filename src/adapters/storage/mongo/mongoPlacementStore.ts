import type { AuditEntryInput, AuditLog } from '../../../ports/auditLog.ts';
import type {
  DecisionResult,
  DecisionWrite,
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
import { isDuplicateKeyError, type Models, type PlacementDoc } from './models.ts';

const idOf = (schoolId: string, placementId: string): string => `${schoolId}:${placementId}`;

// `$lte` a date matches only dates, so placements with nothing open (null) fall outside without a `$ne`.
export const dueFilter = (schoolId: string, before: Date) => ({ schoolId, nextDueAt: { $lte: before } });
export const DUE_ORDER = { nextDueAt: 1, _id: 1 } as const;

/**
 * One document per placement. Without multi-document transactions (a standalone server), a decision
 * is one conditional update of the placement, then its audit entry; a replay of the same key
 * re-appends the audit entry, which is idempotent, so a crash in between heals on the retry.
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
    const _id = idOf(record.schoolId, record.placement.id);
    try {
      await this.#models.placements.create({
        _id,
        schoolId: record.schoolId,
        placement: record.placement,
        version: record.placement.version,
        nextDueAt: record.nextDueAt,
        decisionKeys: [input.idempotencyKey],
        schemaVersion: SCHEMA_VERSION,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.#models.placements.findById(_id).lean();
      if (!existing?.decisionKeys.includes(input.idempotencyKey)) throw placementExists(record.placement.id);
      return this.#replay(existing, input.audit, input.idempotencyKey);
    }
    await this.#audit.append({ ...input.audit, idempotencyKey: input.idempotencyKey });
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

  async applyDecision(write: DecisionWrite): Promise<DecisionResult> {
    assertWellFormedDecision(write);
    const _id = idOf(write.schoolId, write.placementId);
    const updated = await this.#models.placements
      .findOneAndUpdate(
        { _id, version: write.expectedVersion, decisionKeys: { $ne: write.idempotencyKey } },
        {
          $set: { placement: plainCopy(write.placement), version: write.placement.version, nextDueAt: write.nextDueAt, schemaVersion: SCHEMA_VERSION },
          $push: { decisionKeys: { $each: [write.idempotencyKey], $slice: -RECENT_DECISION_KEYS } },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (updated) {
      await this.#audit.append({ ...write.audit, idempotencyKey: write.idempotencyKey });
      return { record: toRecord(updated), replayed: false };
    }
    // Nothing matched: tell a replay from a conflict from a missing placement.
    const current = await this.#models.placements.findById(_id).lean();
    if (!current) throw placementNotFound(write.placementId);
    if (current.decisionKeys.includes(write.idempotencyKey)) return this.#replay(current, write.audit, write.idempotencyKey);
    throw changedMeanwhile();
  }

  async #replay(current: PlacementDoc, audit: AuditEntryInput, idempotencyKey: string): Promise<DecisionResult> {
    await this.#audit.append({ ...audit, idempotencyKey });
    return { record: toRecord(current), replayed: true };
  }
}

function toRecord(doc: PlacementDoc): PlacementRecord {
  return { schoolId: doc.schoolId, placement: doc.placement, nextDueAt: doc.nextDueAt ?? null };
}
