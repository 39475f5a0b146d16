import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { EventOf } from '../../../core/placement/events.ts';
import type { AttendanceRegister } from '../../../core/placement/attendanceRegister.ts';
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

  async eventsForPlacement(schoolId: string, placementId: string): Promise<EventOf<'attendance'>[]> {
    return this.#inOrder(schoolId, placementId).map(attendanceEvent);
  }

  async registerFor(schoolId: string, placementId: string): Promise<AttendanceRegister> {
    return this.#db.registerOf(schoolId, placementId);
  }

  /**
   * A placement's marks in date and session order, those from `from` to `to` if given. The kept
   * list itself when it is whole and in order, as marks made day by day are: a view reads every
   * placement's, and a copy of each would be garbage at once. Read it, never change it.
   */
  #inOrder(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): readonly KeptMark[] {
    const kept = this.#db.attendance.get(schoolId)?.byPlacement.get(placementId) ?? [];
    const marks = from === undefined && to === undefined ? kept : kept.filter((m) => (from === undefined || m.date >= from) && (to === undefined || m.date <= to));
    const inOrder = marks.every((m, i) => i === 0 || byDateAndSession(marks[i - 1] as KeptMark, m) <= 0);
    return inOrder ? marks : [...marks].sort(byDateAndSession);
  }

  async listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]> {
    const marks = [...(this.#db.attendance.get(schoolId)?.byDate.get(date) ?? [])];
    return marks.sort((a, b) => byCodeUnits(a.placementId, b.placementId) || byCodeUnits(a.session, b.session)).map((m) => m.record(schoolId));
  }
}

const byDateAndSession = (a: KeptMark, b: KeptMark) => byCodeUnits(a.date, b.date) || byCodeUnits(a.session, b.session);
