import type { AuditEntryInput } from '../../../ports/auditLog.ts';
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
import { auditEntryFor } from './journalAuditLog.ts';
import { type Change, type JournalDatabase, type PlacementGrownChange, type StoredPlacement } from './journalDatabase.ts';

export class JournalPlacementStore implements PlacementStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async create(input: PlacementCreate): Promise<DecisionResult> {
    assertWellFormedCreate(input);
    const { schoolId, placement } = input.record;
    const existing = this.#db.placement(schoolId, placement.id);
    if (existing) {
      if (!existing.decisionKeys.includes(input.idempotencyKey)) throw placementExists(placement.id);
      return await this.#replay(existing, input.audit, input.idempotencyKey);
    }
    const stored: StoredPlacement = { record: plainCopy(input.record), decisionKeys: [input.idempotencyKey] };
    await this.#commitWithAudit({ kind: 'placement', value: stored }, input.audit, input.idempotencyKey);
    return { record: handedOut(stored.record), replayed: false };
  }

  async get(schoolId: string, placementId: string): Promise<PlacementRecord | undefined> {
    const stored = this.#db.placement(schoolId, placementId);
    return stored && handedOut(stored.record);
  }

  async list(schoolId: string, filter: PlacementFilter = {}): Promise<PlacementRecord[]> {
    const records = this.#ofSchool(schoolId).filter(({ placement }) =>
      (filter.status === undefined || filter.status.includes(placement.status)) &&
      (filter.kind === undefined || filter.kind.includes(placement.kind)) &&
      (filter.pupilRef === undefined || placement.pupil.ref === filter.pupilRef) &&
      (filter.providerId === undefined || placement.provider?.id === filter.providerId),
    );
    return records.sort(byId).map(handedOut);
  }

  async listDue(schoolId: string, before: Date): Promise<PlacementRecord[]> {
    const due = this.#ofSchool(schoolId).filter((r) => r.nextDueAt !== null && r.nextDueAt.getTime() <= before.getTime());
    const at = (r: PlacementRecord) => r.nextDueAt?.getTime() ?? 0;
    return due.sort((a, b) => at(a) - at(b) || byId(a, b)).map(handedOut);
  }

  async setNextDueAt(schoolId: string, placementId: string, version: number, nextDueAt: Date | null): Promise<boolean> {
    return (await this.setNextDueAts(schoolId, [{ placementId, version, nextDueAt }])) === 1;
  }

  // Every move is one journal line: a sweep's school of placements syncs once.
  setNextDueAts(schoolId: string, moves: readonly NextDueAtMove[]): Promise<number> {
    return this.#db.commitBuilt(() => {
      const changes: Change[] = [];
      for (const { placementId, version, nextDueAt } of moves) {
        const current = this.#db.placement(schoolId, placementId);
        if (!current || current.record.placement.version !== version) continue;
        changes.push({ kind: 'nextDueAt', value: { schoolId, placementId, nextDueAt: nextDueAt && new Date(nextDueAt) } });
      }
      return changes;
    });
  }

  async applyDecision(write: DecisionWrite): Promise<DecisionResult> {
    assertWellFormedDecision(write);
    const current = this.#db.placement(write.schoolId, write.placementId);
    if (!current) throw placementNotFound(write.placementId);
    if (current.decisionKeys.includes(write.idempotencyKey)) return await this.#replay(current, write.audit, write.idempotencyKey);
    if (current.record.placement.version !== write.expectedVersion) throw changedMeanwhile();
    // Only the events this decision added are copied and journalled: those before are the ones kept.
    const { history, ...rest } = write.placement;
    const kept = keptEvents(current.record.placement.history, history);
    const grown: PlacementGrownChange = {
      kind: 'placementGrown',
      value: {
        kept,
        stored: {
          record: { schoolId: write.schoolId, placement: { ...plainCopy(rest), history: plainCopy(history.slice(kept)) }, nextDueAt: write.nextDueAt && new Date(write.nextDueAt) },
          decisionKeys: [...current.decisionKeys, write.idempotencyKey].slice(-RECENT_DECISION_KEYS),
        },
      },
    };
    const durable = this.#commitWithAudit(grown, write.audit, write.idempotencyKey);
    // The commit has applied it: the state kept now, whole (a later commit may replace it by the time this is durable).
    const stored = this.#db.placement(write.schoolId, write.placementId) as StoredPlacement;
    await durable;
    return { record: handedOut(stored.record), replayed: false };
  }

  // A decision and its audit entry are one journal line, so no entry is ever left pending.
  async completeAudits(): Promise<number> {
    return 0;
  }

  // The placement and its audit entry go into one commit (one journal line): both or neither.
  #commitWithAudit(change: Change, audit: AuditEntryInput, idempotencyKey: string): Promise<void> {
    const { entry, created } = auditEntryFor(this.#db, { ...audit, idempotencyKey });
    const changes: Change[] = [change];
    if (created) changes.push({ kind: 'audit', value: entry });
    return this.#db.commit(changes);
  }

  // Same behaviour as the Mongo store, which cannot write both atomically: make sure the audit entry exists.
  // The decision replayed may still be on its way to disk: it is answered once it is there.
  async #replay(current: StoredPlacement, audit: AuditEntryInput, idempotencyKey: string): Promise<DecisionResult> {
    const { entry, created } = auditEntryFor(this.#db, { ...audit, idempotencyKey });
    const result: DecisionResult = { record: handedOut(current.record), replayed: true };
    await (created ? this.#db.commit([{ kind: 'audit', value: entry }]) : this.#db.durable());
    return result;
  }

  #ofSchool(schoolId: string): PlacementRecord[] {
    const ofSchool = this.#db.placements.get(schoolId);
    return ofSchool ? Array.from(ofSchool.values(), (s) => s.record) : [];
  }
}

/**
 * A stored record as handed out: the placement itself is shared, frozen (the database freezes what
 * it keeps), so reading copies nothing; only the instant, which cannot be frozen, is a copy.
 */
function handedOut({ schoolId, placement, nextDueAt }: PlacementRecord): PlacementRecord {
  return { schoolId, placement, nextDueAt: nextDueAt && new Date(nextDueAt) };
}

/** How many events `next` begins with that are the very ones (the same frozen objects) the placement holds now. */
function keptEvents(now: readonly unknown[], next: readonly unknown[]): number {
  let kept = 0;
  while (kept < now.length && kept < next.length && now[kept] === next[kept]) kept++;
  return kept;
}

function byId(a: PlacementRecord, b: PlacementRecord): number {
  return a.placement.id < b.placement.id ? -1 : a.placement.id > b.placement.id ? 1 : 0;
}
