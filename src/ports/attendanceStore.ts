import type { LocalDate } from '../core/calendar/localDate.ts';
import type { AttendanceMark } from '../core/placement/events.ts';
import type { Session } from '../core/placement/placement.ts';

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
  /** One mark per placement, date and session: a second for the same session is `duplicate`. */
  record(mark: AttendanceRecord): Promise<void>;
  /** Marks of a placement, by date then session (am before pm), optionally within dates (both included). */
  listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]>;
  /** Every mark of a school on one date, by placement id then session. */
  listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]>;
}
