import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { AttendanceRecord, AttendanceStore } from '../../../ports/attendanceStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { attendanceExists } from '../storeRules.ts';
import { keyOf, type JournalDatabase } from './journalDatabase.ts';

export class JournalAttendanceStore implements AttendanceStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  async record(mark: AttendanceRecord): Promise<void> {
    if (this.#db.attendance.has(keyOf(mark.schoolId, mark.placementId, mark.date, mark.session))) throw attendanceExists();
    this.#db.commit([{ kind: 'attendance', value: plainCopy(mark) }]);
  }

  async listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]> {
    const marks = [...this.#db.attendance.values()].filter(
      (m) =>
        m.schoolId === schoolId &&
        m.placementId === placementId &&
        (from === undefined || m.date >= from) &&
        (to === undefined || m.date <= to),
    );
    return plainCopy(marks.sort((a, b) => compare(a.date, b.date) || compare(a.session, b.session)));
  }

  async listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]> {
    const marks = [...this.#db.attendance.values()].filter((m) => m.schoolId === schoolId && m.date === date);
    return plainCopy(marks.sort((a, b) => compare(a.placementId, b.placementId) || compare(a.session, b.session)));
  }
}

// 'am' < 'pm' and YYYY-MM-DD sort as plain strings.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
