import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { EventOf } from '../../../core/placement/events.ts';
import { AttendanceRegister, sessionNumber } from '../../../core/placement/attendanceRegister.ts';
import { attendanceEvent, type AttendanceRecord, type AttendanceStore } from '../../../ports/attendanceStore.ts';
import type { AuditEntryInput, AuditLog } from '../../../ports/auditLog.ts';
import { plainCopy } from '../plainCopy.ts';
import { attendanceExists } from '../storeRules.ts';
import { isDuplicateKeyError, pendingMarkAuditFilter, type AttendanceDoc, type Models } from './models.ts';

/** A mark's audit entry rides pending in the mark's own insert, as a decision's does (see MongoPlacementStore). */
export class MongoAttendanceStore implements AttendanceStore {
  readonly #models: Models;
  readonly #audit: AuditLog;

  constructor(models: Models, audit: AuditLog) {
    this.#models = models;
    this.#audit = audit;
  }

  async record(mark: AttendanceRecord, audit: AuditEntryInput): Promise<void> {
    let created: AttendanceDoc;
    try {
      created = (await this.#models.attendance.create({ ...plainCopy(mark), pendingAudit: plainCopy(audit) })).toObject();
    } catch (error) {
      if (isDuplicateKeyError(error)) throw attendanceExists();
      throw error;
    }
    // The mark stands with its entry pending: acknowledged even if this fails, the next sweep appends it.
    await this.#appendPending(created).catch(() => undefined);
  }

  async completeAudits(schoolId: string): Promise<number> {
    const docs = await this.#models.attendance.find(pendingMarkAuditFilter(schoolId)).lean();
    for (const doc of docs) await this.#appendPending(doc);
    return docs.length;
  }

  // The entry is appended and the mark added to its placement's register before the mark stops
  // being pending: each step can be done again, so a crash between them leaves it for the next sweep.
  async #appendPending(doc: AttendanceDoc): Promise<void> {
    if (!doc.pendingAudit) return;
    await this.#audit.append(doc.pendingAudit);
    const { schoolId, placementId, date, session } = doc;
    await this.#addToRegister(schoolId, placementId, [doc]);
    await this.#models.attendance.updateOne({ schoolId, placementId, date, session }, { $unset: { pendingAudit: 1 } });
  }

  /**
   * Adds marks to a placement's register (made if there is none), and marks it complete when they
   * are every mark; returns the sessions added, and those of them that were unexplained absences.
   */
  async #addToRegister(schoolId: string, placementId: string, marks: readonly Pick<AttendanceDoc, 'date' | 'session' | 'mark'>[], complete = false): Promise<{ sessions: number[]; unauthorised: number[] }> {
    const sessions = marks.map((m) => sessionNumber(m.date, m.session));
    const unauthorised = sessions.filter((_, i) => marks[i]?.mark === 'absent_unauthorised');
    const add = { sessions: { $each: sessions }, unauthorised: { $each: unauthorised } };
    const update = { $setOnInsert: { schoolId, placementId }, $addToSet: add, ...(complete ? { $set: { complete: true } } : {}) };
    const upsert = () => this.#models.attendanceRegisters.updateOne({ _id: registerId(schoolId, placementId) }, update, { upsert: true });
    // Two upserts of a new register at once: one makes it, the other meets its key and adds to it.
    await upsert().catch((error: unknown) => (isDuplicateKeyError(error) ? upsert() : Promise.reject(error)));
    return { sessions, unauthorised };
  }

  async listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]> {
    const date: Record<string, LocalDate> = {};
    if (from !== undefined) date.$gte = from;
    if (to !== undefined) date.$lte = to;
    const filter = { schoolId, placementId, ...(from === undefined && to === undefined ? {} : { date }) };
    const docs = await this.#models.attendance.find(filter).sort({ date: 1, session: 1 }).lean();
    return docs.map(toRecord);
  }

  async eventsForPlacement(schoolId: string, placementId: string): Promise<EventOf<'attendance'>[]> {
    return (await this.listForPlacement(schoolId, placementId)).map(attendanceEvent);
  }

  async registerFor(schoolId: string, placementId: string): Promise<AttendanceRegister> {
    const kept = await this.#models.attendanceRegisters.findOne({ _id: registerId(schoolId, placementId) }).lean();
    if (kept?.complete) return AttendanceRegister.ofSessionNumbers(kept.sessions, kept.unauthorised);
    // None yet, or one with only the marks recorded since an upgrade: made from every mark, once.
    // A mark recorded meanwhile adds itself too, so the register ends with every mark either way.
    const marks = await this.#models.attendance.find({ schoolId, placementId }, { _id: 0, date: 1, session: 1, mark: 1 }).lean();
    if (marks.length === 0) return AttendanceRegister.EMPTY;
    const { sessions, unauthorised } = await this.#addToRegister(schoolId, placementId, marks, true);
    return AttendanceRegister.ofSessionNumbers(sessions, unauthorised);
  }

  async listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]> {
    const docs = await this.#models.attendance.find({ schoolId, date }).sort({ placementId: 1, session: 1 }).lean();
    return docs.map(toRecord);
  }
}

const registerId = (schoolId: string, placementId: string) => `${schoolId}:${placementId}`;

function toRecord(doc: AttendanceDoc): AttendanceRecord {
  const { schoolId, placementId, date, session, mark, by, at } = doc;
  return { schoolId, placementId, date, session, mark, by, at };
}
