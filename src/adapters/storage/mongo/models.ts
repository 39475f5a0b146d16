import { Schema, type Connection, type Types } from 'mongoose';
import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { SchoolConfig } from '../../../core/policy/schoolConfig.ts';
import type { AttendanceMark } from '../../../core/placement/events.ts';
import type { Placement, Session } from '../../../core/placement/placement.ts';
import type { Provider } from '../../../core/provider/provider.ts';
import type { ChatPlatform, ConversationReference } from '../../../ports/conversationStore.ts';
import type { OutboxStatus, Recipient } from '../../../ports/nudgeOutbox.ts';
import type { AuditEntryInput } from '../../../ports/auditLog.ts';

// Stored shapes. Placements, messages and configs are Mixed: the core owns their shape (zod), and
// `minimize: false` keeps empty objects the core may rely on.
const options = { versionKey: false, minimize: false, autoIndex: false } as const;

export interface PlacementDoc {
  /** `${schoolId}:${placement.id}` */
  _id: string;
  schoolId: string;
  placement: Placement;
  version: number;
  nextDueAt: Date | null;
  /** Recent idempotency keys, oldest first. */
  decisionKeys: string[];
  /**
   * Audit entries of decisions written here but not yet in the audit log: set in the decision's
   * own update, cleared once appended (by the decision, a replay of its key, or the next sweep).
   */
  pendingAudits?: AuditEntryInput[];
  schemaVersion: number;
}

const placementSchema = new Schema<PlacementDoc>(
  {
    _id: String,
    schoolId: String,
    placement: Schema.Types.Mixed,
    version: Number,
    nextDueAt: { type: Date, default: null },
    decisionKeys: [String],
    pendingAudits: { type: [Schema.Types.Mixed], default: undefined },
    schemaVersion: Number,
  },
  { ...options, collection: 'placements' },
);
// Serves listDue's filter (school, due by) and its sort (nextDueAt, then _id) without a SORT stage.
placementSchema.index({ schoolId: 1, nextDueAt: 1, _id: 1 });
placementSchema.index({ schoolId: 1, 'placement.status': 1 });
// Holds only the few placements with an entry pending, so the sweep finds them without a scan.
placementSchema.index({ schoolId: 1, 'pendingAudits.idempotencyKey': 1 }, { partialFilterExpression: { 'pendingAudits.idempotencyKey': { $exists: true } } });

/** Placements of a school with an audit entry pending, in the shape the partial index above serves. */
export const pendingAuditFilter = (schoolId: string) => ({ schoolId, 'pendingAudits.idempotencyKey': { $exists: true } });

export interface AuditDoc {
  _id: Types.ObjectId;
  schoolId: string;
  seq: number;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  placementId: string | null;
  idempotencyKey: string | null;
  outcome: 'recorded' | 'refused';
  summary: string;
}

const auditSchema = new Schema<AuditDoc>(
  {
    schoolId: String,
    seq: Number,
    at: Date,
    actor: String,
    role: { type: String, default: null },
    action: String,
    placementId: { type: String, default: null },
    idempotencyKey: { type: String, default: null },
    outcome: String,
    summary: String,
  },
  { ...options, collection: 'audit' },
);
auditSchema.index({ schoolId: 1, seq: 1 }, { unique: true });
// Partial rather than sparse: entries without a key hold null, which a sparse index would still index.
auditSchema.index({ schoolId: 1, idempotencyKey: 1 }, { unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } } });

/**
 * The lookup of an entry by its key. The planner uses a partial index only for a query it can
 * prove falls inside the index's filter, and it cannot prove that of `{ idempotencyKey: key }`,
 * so the query repeats the filter's `$type` (without it every append scanned the school's log).
 */
export function auditKeyFilter(schoolId: string, idempotencyKey: string) {
  return { schoolId, idempotencyKey: { $eq: idempotencyKey, $type: 'string' as const } };
}

export interface CounterDoc {
  /** The school id. */
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: String, seq: Number }, { ...options, collection: 'audit_counters' });

export interface OutboxDoc {
  _id: Types.ObjectId;
  schoolId: string;
  dedupeKey: string;
  recipient: Recipient;
  message: unknown;
  notBefore: Date;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    schoolId: String,
    dedupeKey: String,
    recipient: Schema.Types.Mixed,
    message: Schema.Types.Mixed,
    notBefore: Date,
    status: String,
    attempts: Number,
    nextAttemptAt: Date,
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    createdAt: Date,
    sentAt: { type: Date, default: null },
  },
  { ...options, collection: 'outbox' },
);
outboxSchema.index({ schoolId: 1, dedupeKey: 1 }, { unique: true });
// Serves the claim's filter (status, ready by) and its sort, one seek per entry claimed.
outboxSchema.index({ status: 1, nextAttemptAt: 1, createdAt: 1, _id: 1 });
outboxSchema.index({ schoolId: 1, createdAt: 1 });

export interface AttendanceDoc {
  schoolId: string;
  placementId: string;
  date: LocalDate;
  session: Session;
  mark: AttendanceMark;
  by: string;
  at: Date;
  /** The mark's audit entry until it is in the log (as `PlacementDoc.pendingAudits`). */
  pendingAudit?: AuditEntryInput;
}

const attendanceSchema = new Schema<AttendanceDoc>(
  { schoolId: String, placementId: String, date: String, session: String, mark: String, by: String, at: Date, pendingAudit: { type: Schema.Types.Mixed, default: undefined } },
  { ...options, collection: 'attendance' },
);
attendanceSchema.index({ schoolId: 1, placementId: 1, date: 1, session: 1 }, { unique: true });
attendanceSchema.index({ schoolId: 1, date: 1 });
attendanceSchema.index({ schoolId: 1, 'pendingAudit.at': 1 }, { partialFilterExpression: { pendingAudit: { $exists: true } } });

/** Marks of a school with their audit entry pending, in the shape the partial index above serves. */
export const pendingMarkAuditFilter = (schoolId: string) => ({ schoolId, pendingAudit: { $exists: true } });

/**
 * A placement's marks as the obligation rules read them (see `AttendanceRegister`), so a sweep
 * reads one small document a placement instead of every mark of its year. Each session is its
 * `sessionNumber`. Each mark adds itself when its audit entry is appended; a register made before
 * any mark of an older apbot was counted lacks `complete` and is made again from the marks.
 */
export interface AttendanceRegisterDoc {
  _id: string;
  schoolId: string;
  placementId: string;
  sessions: number[];
  unauthorised: number[];
  complete?: boolean;
}

const attendanceRegisterSchema = new Schema<AttendanceRegisterDoc>(
  { _id: String, schoolId: String, placementId: String, sessions: [Number], unauthorised: [Number], complete: Boolean },
  { ...options, collection: 'attendance_registers' },
);

export interface SchoolVersionDoc {
  schoolId: string;
  version: number;
  config: SchoolConfig;
  savedAt: Date;
}

const schoolVersionSchema = new Schema<SchoolVersionDoc>(
  { schoolId: String, version: Number, config: Schema.Types.Mixed, savedAt: Date },
  { ...options, collection: 'school_versions' },
);
schoolVersionSchema.index({ schoolId: 1, version: 1 }, { unique: true });

export interface ConversationDoc {
  schoolId: string;
  staffId: string;
  platform: ChatPlatform;
  reference: ConversationReference;
  savedAt: Date;
}

const conversationSchema = new Schema<ConversationDoc>(
  { schoolId: String, staffId: String, platform: String, reference: Schema.Types.Mixed, savedAt: Date },
  { ...options, collection: 'conversations' },
);
conversationSchema.index({ schoolId: 1, staffId: 1, platform: 1 }, { unique: true });

export interface ProviderDoc {
  /** `${schoolId}:${provider.id}` */
  _id: string;
  schoolId: string;
  provider: Provider;
  /** Goes up with each merge, so two merges at once never lose one. */
  version: number;
}

const providerSchema = new Schema<ProviderDoc>({ _id: String, schoolId: String, provider: Schema.Types.Mixed, version: Number }, { ...options, collection: 'providers' });
providerSchema.index({ schoolId: 1, _id: 1 });

export function modelsOf(connection: Connection) {
  return {
    placements: connection.model<PlacementDoc>('Placement', placementSchema),
    audit: connection.model<AuditDoc>('AuditEntry', auditSchema),
    counters: connection.model<CounterDoc>('AuditCounter', counterSchema),
    outbox: connection.model<OutboxDoc>('OutboxEntry', outboxSchema),
    attendance: connection.model<AttendanceDoc>('AttendanceMark', attendanceSchema),
    attendanceRegisters: connection.model<AttendanceRegisterDoc>('AttendanceRegister', attendanceRegisterSchema),
    schoolVersions: connection.model<SchoolVersionDoc>('SchoolVersion', schoolVersionSchema),
    conversations: connection.model<ConversationDoc>('Conversation', conversationSchema),
    providers: connection.model<ProviderDoc>('Provider', providerSchema),
  };
}

export type Models = ReturnType<typeof modelsOf>;

export { isDuplicateKeyError } from './duplicateKey.ts';
