import { placementSchema, type Placement, type PlacementInput } from '../../src/core/placement/placement.ts';
import type { HistoryEvent } from '../../src/core/placement/events.ts';
import { schoolConfigSchema, type SchoolConfig } from '../../src/core/policy/schoolConfig.ts';
import type { AttendanceRecord } from '../../src/ports/attendanceStore.ts';
import type { AuditEntryInput } from '../../src/ports/auditLog.ts';
import type { OutboxEntryInput } from '../../src/ports/nudgeOutbox.ts';
import type { DecisionWrite, PlacementCreate, PlacementRecord } from '../../src/ports/placementStore.ts';

export const SCHOOL = 'oakfield';
export const OTHER_SCHOOL = 'elmbridge';

/** Builds a store under test before each test and releases it after. */
export interface ContractFactory<T> {
  create(): Promise<T>;
  cleanup?(): Promise<void>;
}

export const at = (iso: string): Date => new Date(iso);

export function aPlacement(overrides: Partial<PlacementInput> = {}): Placement {
  return placementSchema.parse({
    id: 'p-1',
    kind: 'off_site_ap',
    status: 'active',
    pupil: { ref: 'PUP-001', initials: 'AB' },
    start: '2025-09-08',
    provider: { id: 'prov-1', name: 'Riverside Learning Centre' },
    history: [],
    ...overrides,
  });
}

export function anAuditInput(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    schoolId: SCHOOL,
    at: at('2025-09-10T09:00:00Z'),
    actor: 'staff-dsl',
    role: 'dsl',
    action: 'recordReview',
    placementId: 'p-1',
    idempotencyKey: null,
    outcome: 'recorded',
    summary: 'Half-term review recorded (outcome: continue)',
    ...overrides,
  };
}

export function aCreate(
  placement: Placement = aPlacement(),
  options: { schoolId?: string; nextDueAt?: Date | null; idempotencyKey?: string } = {},
): PlacementCreate {
  const schoolId = options.schoolId ?? SCHOOL;
  return {
    record: { schoolId, placement, nextDueAt: options.nextDueAt === undefined ? at('2025-10-01T08:00:00Z') : options.nextDueAt },
    idempotencyKey: options.idempotencyKey ?? `create:${schoolId}:${placement.id}`,
    audit: anAuditInput({ schoolId, action: 'createPlacement', placementId: placement.id, summary: 'Placement created' }),
  };
}

/** A decision worked out from `current`: one more history event, the version moved on by one. */
export function aDecision(
  current: PlacementRecord,
  idempotencyKey: string,
  event: HistoryEvent = { type: 'review', on: '2025-10-20', by: 'staff-dsl' },
  nextDueAt: Date | null = at('2025-12-01T08:00:00Z'),
): DecisionWrite {
  const { schoolId, placement } = current;
  return {
    schoolId,
    placementId: placement.id,
    expectedVersion: placement.version,
    idempotencyKey,
    placement: { ...placement, version: placement.version + 1, history: [...placement.history, event] },
    nextDueAt,
    audit: anAuditInput({ schoolId, placementId: placement.id, summary: 'Half-term review recorded (outcome: continue)' }),
  };
}

export function anOutboxInput(overrides: Partial<OutboxEntryInput> = {}): OutboxEntryInput {
  return {
    schoolId: SCHOOL,
    dedupeKey: 'p-1:halfTermlyReview:2025-10-20:due',
    recipient: { schoolId: SCHOOL, staffId: 'staff-dsl' },
    message: { card: 'obligation', placementId: 'p-1', due: '2025-10-20', stage: 'due', sentFor: at('2025-10-20T08:00:00Z') },
    notBefore: at('2025-10-20T07:30:00Z'),
    ...overrides,
  };
}

/** The audit entry of the decision that recorded a mark, keyed by the press that made it. */
export function aMarkAudit(mark: AttendanceRecord, key = `mark:${mark.placementId}:${mark.date}:${mark.session}:${mark.by}`): AuditEntryInput {
  return anAuditInput({ schoolId: mark.schoolId, at: mark.at, actor: mark.by, role: 'attendance_officer', action: 'recordAttendance', placementId: mark.placementId, idempotencyKey: key, summary: `Attendance recorded (${mark.session})` });
}

export function anAttendanceRecord(overrides: Partial<AttendanceRecord> = {}): AttendanceRecord {
  return {
    schoolId: SCHOOL,
    placementId: 'p-1',
    date: '2025-09-15',
    session: 'am',
    mark: 'present',
    by: 'staff-attendance',
    at: at('2025-09-15T09:45:00Z'),
    ...overrides,
  };
}

export function aSchoolConfig(name = 'Oakfield Academy', reviewRequestSchoolDays = 10): SchoolConfig {
  return schoolConfigSchema.parse({
    school: { name, id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
    calendar: {
      terms: [{ name: 'Autumn 2025', start: '2025-09-03', end: '2025-12-19', halfTermBreak: { start: '2025-10-27', end: '2025-10-31' } }],
      closures: [{ date: '2025-10-24', reason: 'INSET' }],
    },
    policy: { reviewRequestSchoolDays },
    staff: [{ id: 'staff-dsl', name: 'Dana Lee', roles: ['dsl'] }],
  });
}

/** The AppError code a promise rejects with (or 'resolved'), for asserting on coded errors. */
export async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error ? error.code : error;
  }
}
