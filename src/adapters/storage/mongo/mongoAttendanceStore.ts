import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { EventOf } from '../../../core/placement/events.ts';
import { AttendanceRegister } from '../../../core/placement/attendanceRegister.ts';
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

  async #appendPending(doc: AttendanceDoc): Promise<void> {
    if (!doc.pendingAudit) return;
    await this.#audit.append(doc.pendingAudit);
    const { schoolId, placementId, date, session } = doc;
    await this.#models.attendance.updateOne({ schoolId, placementId, date, session }, { $unset: { pendingAudit: 1 } });
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
    const docs = await this.#models.attendance.find({ schoolId, placementId }, { date: 1, session: 1, mark: 1 }).lean();
    return AttendanceRegister.of(docs.map(({ date, session, mark }) => ({ on: date, session, mark })));
  }

  async listForDate(schoolId: string, date: LocalDate): Promise<AttendanceRecord[]> {
    const docs = await this.#models.attendance.find({ schoolId, date }).sort({ placementId: 1, session: 1 }).lean();
    return docs.map(toRecord);
  }
}

function toRecord(doc: AttendanceDoc): AttendanceRecord {
  const { schoolId, placementId, date, session, mark, by, at } = doc;
  return { schoolId, placementId, date, session, mark, by, at };
}
