import type { LocalDate } from '../core/calendar/localDate.ts';
import type { AttendanceMark, EventOf } from '../core/placement/events.ts';
import type { AttendanceRegister } from '../core/placement/attendanceRegister.ts';
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
  /**
   * A placement's marks as the events its history gains from them (see `withAttendance`), by date
   * then session: what a view reads for every placement it shows, made without the records.
   */
  eventsForPlacement(schoolId: string, placementId: string): Promise<EventOf<'attendance'>[]>;
  /**
   * A placement's marks as the obligation rules read them (`AttendanceRegister.of` its marks):
   * what a sweep reads instead of the marks themselves, so a placement costs it the same in July as
   * in September. Shared: a store may hand the same register to every reader.
   */
  registerFor(schoolId: string, placementId: string): Promise<AttendanceRegister>;
}

/** A mark as the event a placement's history gains from it. */
export function attendanceEvent({ date, session, mark, by }: Pick<AttendanceRecord, 'date' | 'session' | 'mark' | 'by'>): EventOf<'attendance'> {
  return { type: 'attendance', on: date, session, mark, by };
}
