import type { LocalDate } from '../../../core/calendar/localDate.ts';
import type { AttendanceRecord, AttendanceStore } from '../../../ports/attendanceStore.ts';
import { plainCopy } from '../plainCopy.ts';
import { attendanceExists } from '../storeRules.ts';
import { isDuplicateKeyError, type AttendanceDoc, type Models } from './models.ts';

export class MongoAttendanceStore implements AttendanceStore {
  readonly #models: Models;

  constructor(models: Models) {
    this.#models = models;
  }

  async record(mark: AttendanceRecord): Promise<void> {
    try {
      await this.#models.attendance.create(plainCopy(mark));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw attendanceExists();
      throw error;
    }
  }

  async listForPlacement(schoolId: string, placementId: string, from?: LocalDate, to?: LocalDate): Promise<AttendanceRecord[]> {
    const date: Record<string, LocalDate> = {};
    if (from !== undefined) date.$gte = from;
    if (to !== undefined) date.$lte = to;
    const filter = { schoolId, placementId, ...(from === undefined && to === undefined ? {} : { date }) };
    const docs = await this.#models.attendance.find(filter).sort({ date: 1, session: 1 }).lean();
    return docs.map(toRecord);
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
