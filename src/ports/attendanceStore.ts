import type { LocalDate } from '../core/calendar/localDate.ts';
import type { AttendanceMark } from '../core/placement/events.ts';
import type { Session } from '../core/placement/placement.ts';
import type { AuditEntryInput } from './auditLog.ts';

export interface AttendanceRecord {
  schoolId: string;
  placementId: string;
  date: LocalDate;
  session: Session;
  mark: AttendanceMark;
  by: string;
  at: Date;
}

export interface AttendanceStore {
  /**
   * Records a mark with its audit entry, as `PlacementStore.applyDecision` does a decision: in one
   * write, or with the entry pending in the mark's own write and then appended. One mark per
   * placement, date and session: a second for the same session is `duplicate` (and not audited).
   */
  record(mark: AttendanceRecord, audit: AuditEntryInput): Promise<void>;
  /** Appends the audit entry of every mark whose entry a crash left pending, and clears it; returns how many. */
  completeAudits(schoolId: string): Promise<number>;
  /** Marks of a placement, by date then session (am before pm), optionally within dates (both included). */
  listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]>;
  /** Every mark of a school on one date, by placement id then session. */
  listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]>;
}
