import { AppError, ErrorCode } from '../../core/errors.ts';
import type { DecisionWrite, PlacementCreate } from '../../ports/placementStore.ts';

/** Idempotency keys kept per placement: enough for any double click or retried request. */
export const RECENT_DECISION_KEYS = 100;

// Malformed writes are programming errors (an incident), not something a person can fix.
export function assertWellFormedCreate(input: PlacementCreate): void {
  if (input.record.placement.version !== 0) throw new Error('create: a new placement starts at version 0');
}

export function assertWellFormedDecision(write: DecisionWrite): void {
  if (write.placement.id !== write.placementId) throw new Error('applyDecision: placement.id differs from placementId');
  if (write.placement.version !== write.expectedVersion + 1) throw new Error('applyDecision: placement.version must be expectedVersion + 1');
}

export function changedMeanwhile(): AppError {
  return new AppError(ErrorCode.Conflict, 'This placement changed meanwhile; please try again.');
}

export function placementNotFound(placementId: string): AppError {
  return new AppError(ErrorCode.NotFound, `There is no placement ${placementId} in this school.`);
}

export function placementExists(placementId: string): AppError {
  return new AppError(ErrorCode.Duplicate, `A placement with id ${placementId} already exists in this school.`);
}

export function attendanceExists(): AppError {
  return new AppError(ErrorCode.Duplicate, 'Attendance for this session is already recorded.');
}

export function outboxEntryNotFound(id: string): AppError {
  return new AppError(ErrorCode.NotFound, `There is no outbox entry ${id}.`);
}

// A lease of zero would leave a claimed entry claimable again at the same instant.
export function assertPositiveLease(leaseMs: number): void {
  if (!(leaseMs > 0)) throw new Error('claim: leaseMs must be positive');
}
