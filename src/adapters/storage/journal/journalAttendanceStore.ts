import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { EventOf } from '../../../core/placement/events.ts';
import { attendanceEvent, type AttendanceRecord, type AttendanceStore } from '../../../ports/attendanceStore.ts';
import type { AuditEntryInput } from '../../../ports/auditLog.ts';
import { plainCopy } from '../plainCopy.ts';
import { attendanceExists } from '../storeRules.ts';
import { auditEntryFor } from './journalAuditLog.ts';
import type { Change, JournalDatabase, KeptMark } from './journalDatabase.ts';
import { byCodeUnits } from '../../../core/byCodeUnits.ts';

export class JournalAttendanceStore implements AttendanceStore {
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
  }

  // The mark and its audit entry are one journal line: both or neither.
  async record(mark: AttendanceRecord, audit: AuditEntryInput): Promise<void> {
    if (this.#db.markOf(mark.schoolId, mark.placementId, mark.date, mark.session)) throw attendanceExists();
    const { entry, created } = auditEntryFor(this.#db, audit);
    const changes: Change[] = [{ kind: 'attendance', value: plainCopy(mark) }];
    if (created) changes.push({ kind: 'audit', value: entry });
    await this.#db.commit(changes);
  }

  // Nothing is ever pending: see `record`.
  async completeAudits(): Promise<number> {
    return 0;
  }

  async listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]> {
    return this.#inOrder(schoolId, placementId, from, to).map((m) => m.record(schoolId));
  }

  // Read for every placement a sweep looks at: one pass, one array, unless the marks are out of order.
  async eventsForPlacement(schoolId: string, placementId: string): Promise<EventOf<'attendance'>[]> {
    const marks = this.#db.attendance.get(schoolId)?.byPlacement.get(placementId);
    if (!marks) return [];
    const events = new Array<EventOf<'attendance'>>(marks.length);
    for (let i = 0; i < marks.length; i++) {
      const m = marks[i] as KeptMark;
      if (i > 0 && byDateAndSession(marks[i - 1] as KeptMark, m) > 0) return this.#inOrder(schoolId, placementId).map(attendanceEvent);
      events[i] = attendanceEvent(m);
    }
    return events;
  }

  #inOrder(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): KeptMark[] {
    const marks = (this.#db.attendance.get(schoolId)?.byPlacement.get(placementId) ?? []).filter(
      (m) => (from === undefined || m.date >= from) && (to === undefined || m.date <= to),
    );
    // Marks are mostly made day by day, so usually already in order.
    if (marks.some((m, i) => i > 0 && byDateAndSession(marks[i - 1] as KeptMark, m) > 0)) marks.sort(byDateAndSession);
    return marks;
  }

  async listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]> {
    const marks = [...(this.#db.attendance.get(schoolId)?.byDate.get(date) ?? [])];
    return marks.sort((a, b) => byCodeUnits(a.placementId, b.placementId) || byCodeUnits(a.session, b.session)).map((m) => m.record(schoolId));
  }
}

const byDateAndSession = (a: KeptMark, b: KeptMark) => byCodeUnits(a.date, b.date) || byCodeUnits(a.session, b.session);
