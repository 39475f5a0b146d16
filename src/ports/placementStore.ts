import type { Placement, PlacementKind, PlacementStatus } from '../core/placement/placement.ts';
import type { AuditEntryInput } from './auditLog.ts';

/** A placement as stored: its state, its school, and when its next obligation needs looking at. */
export interface PlacementRecord {
  schoolId: string;
  placement: Placement;
  /** Earliest instant a sweep should look at this placement again; null when nothing is open. */
  nextDueAt: Date | null;
}

/** When a sweep next looks at one placement, while it is still at `version`. */
export interface NextDueAtMove {
  placementId: string;
  version: number;
  nextDueAt: Date | null;
}

export interface PlacementFilter {
  status?: readonly PlacementStatus[];
  kind?: readonly PlacementKind[];
  pupilRef?: string;
  providerId?: string;
}

/** One recorded decision: the placement's new state, written only if nobody changed it meanwhile. */
export interface DecisionWrite {
  schoolId: string;
  placementId: string;
  /** The version the decision was worked out from; the write fails with `conflict` if it moved on. */
  expectedVersion: number;
  /** The same key twice records once (a double click, a retried request). */
  idempotencyKey: string;
  /** The new state; its `version` is `expectedVersion + 1`. */
  placement: Placement;
  nextDueAt: Date | null;
  audit: AuditEntryInput;
}

export interface DecisionResult {
  record: PlacementRecord;
  /** True when the key had been applied before and nothing new was written. */
  replayed: boolean;
}

export interface PlacementCreate {
  record: PlacementRecord;
  idempotencyKey: string;
  audit: AuditEntryInput;
}

export interface PlacementStore {
  /** Adds a placement (version 0). The same key again returns the first result; another placement with the same id in the school is `duplicate`. */
  create(input: PlacementCreate): Promise<DecisionResult>;
  get(schoolId: string, placementId: string): Promise<PlacementRecord | undefined>;
  /** Placements of a school, ordered by placement id. */
  list(schoolId: string, filter?: PlacementFilter): Promise<PlacementRecord[]>;
  /** Placements whose `nextDueAt` is at or before `before`, earliest first (then by id). */
  listDue(schoolId: string, before: Date): Promise<PlacementRecord[]>;
  /**
   * Moves when a sweep next looks at a placement, leaving the placement itself alone. Only while it
   * is still at `version` (a decision meanwhile sets its own); returns whether it moved.
   */
  setNextDueAt(schoolId: string, placementId: string, version: number, nextDueAt: Date | null): Promise<boolean>;
  /** `setNextDueAt` for many placements of a school, in one write where the store can; returns how many moved. */
  setNextDueAts(schoolId: string, moves: readonly NextDueAtMove[]): Promise<number>;
  /**
   * Writes a decision atomically: version check, idempotency, new state, and its audit entry (or,
   * where the two cannot be one write, the entry marked pending in the same write, then appended).
   */
  applyDecision(write: DecisionWrite): Promise<DecisionResult>;
  /**
   * Appends the audit entry of every decision that stands with its entry still pending (a crash or
   * a failed append between the two halves) and clears the mark; returns how many it appended.
   */
  completeAudits(schoolId: string): Promise<number>;
}
