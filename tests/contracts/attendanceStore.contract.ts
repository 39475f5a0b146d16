import { afterEach, beforeEach, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.ts';
import type { AttendanceRecord, AttendanceStore } from '../../src/ports/attendanceStore.ts';
import type { AuditLog } from '../../src/ports/auditLog.ts';
import { readRegister } from '../fixtures/registers.ts';
import { OTHER_SCHOOL, SCHOOL, aMarkAudit, anAttendanceRecord, codeOf, type ContractFactory } from './factories.ts';

/** The behaviour every AttendanceStore adapter shares. */
export function attendanceStoreContract(factory: ContractFactory<{ attendance: AttendanceStore; audit: AuditLog }>): void {
  let attendance: AttendanceStore;
  let audit: AuditLog;

  beforeEach(async () => {
    ({ attendance, audit } = await factory.create());
  });
  const recordMark = (mark: AttendanceRecord) => attendance.record(mark, aMarkAudit(mark));
  afterEach(async () => {
    await factory.cleanup?.();
  });

  const sessions = (marks: AttendanceRecord[]) => marks.map((m) => `${m.placementId} ${m.date} ${m.session}`);

  it('records a mark and reads it back as given', async () => {
    const mark = anAttendanceRecord({ mark: 'absent_unauthorised' });
    await recordMark(mark);
    const [stored] = await attendance.listForPlacement(SCHOOL, 'p-1');
    expect(stored).toEqual(mark);
    expect(stored?.at).toBeInstanceOf(Date);
  });

  it('takes one mark per placement, date and session', async () => {
    await recordMark(anAttendanceRecord());
    expect(await codeOf(recordMark(anAttendanceRecord({ mark: 'late', by: 'someone-else' })))).toBe(ErrorCode.Duplicate);
    await recordMark(anAttendanceRecord({ session: 'pm' }));
    await recordMark(anAttendanceRecord({ date: '2025-09-16' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-2' }));
    await recordMark(anAttendanceRecord({ schoolId: OTHER_SCHOOL }));
    expect((await attendance.listForPlacement(SCHOOL, 'p-1')).map((m) => m.mark)).toEqual(['present', 'present', 'present']);
  });

  it('records one of 20 concurrent marks for the same session', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => codeOf(recordMark(anAttendanceRecord({ by: `staff-${i}` })))));
    expect(codes.filter((c) => c === 'resolved')).toHaveLength(1);
    expect(codes.filter((c) => c === ErrorCode.Duplicate)).toHaveLength(19);
    expect(await attendance.listForPlacement(SCHOOL, 'p-1')).toHaveLength(1);
  });

  it("lists a placement's marks by date then session, within dates when given (both included)", async () => {
    for (const [date, session] of [['2025-09-17', 'pm'], ['2025-09-15', 'pm'], ['2025-09-17', 'am'], ['2025-09-16', 'am'], ['2025-09-15', 'am']] as const)
      await recordMark(anAttendanceRecord({ date, session }));
    await recordMark(anAttendanceRecord({ placementId: 'p-2', date: '2025-09-16' }));
    expect(sessions(await attendance.listForPlacement(SCHOOL, 'p-1'))).toEqual([
      'p-1 2025-09-15 am', 'p-1 2025-09-15 pm', 'p-1 2025-09-16 am', 'p-1 2025-09-17 am', 'p-1 2025-09-17 pm',
    ]);
    expect(sessions(await attendance.listForPlacement(SCHOOL, 'p-1', '2025-09-16', '2025-09-17'))).toEqual(['p-1 2025-09-16 am', 'p-1 2025-09-17 am', 'p-1 2025-09-17 pm']);
    expect(sessions(await attendance.listForPlacement(SCHOOL, 'p-1', '2025-09-16'))).toEqual(['p-1 2025-09-16 am', 'p-1 2025-09-17 am', 'p-1 2025-09-17 pm']);
    expect(sessions(await attendance.listForPlacement(SCHOOL, 'p-1', undefined, '2025-09-15'))).toEqual(['p-1 2025-09-15 am', 'p-1 2025-09-15 pm']);
    expect(await attendance.listForPlacement(OTHER_SCHOOL, 'p-1')).toEqual([]);
  });

  it("gives a placement's marks as the events its history gains, in the order it lists them, and only that placement's", async () => {
    for (const [date, session, mark] of [['2025-09-17', 'pm', 'late'], ['2025-09-15', 'pm', 'present'], ['2025-09-16', 'am', 'absent_unauthorised']] as const)
      await recordMark(anAttendanceRecord({ date, session, mark, by: `staff-${date}` }));
    await recordMark(anAttendanceRecord({ placementId: 'p-2', date: '2025-09-16' }));
    await recordMark(anAttendanceRecord({ schoolId: OTHER_SCHOOL, date: '2025-09-18' }));
    expect(await attendance.eventsForPlacement(SCHOOL, 'p-1')).toEqual([
      { type: 'attendance', on: '2025-09-15', session: 'pm', mark: 'present', by: 'staff-2025-09-15' },
      { type: 'attendance', on: '2025-09-16', session: 'am', mark: 'absent_unauthorised', by: 'staff-2025-09-16' },
      { type: 'attendance', on: '2025-09-17', session: 'pm', mark: 'late', by: 'staff-2025-09-17' },
    ]);
    expect(await attendance.eventsForPlacement(SCHOOL, 'p-3')).toEqual([]);
  });

  it("gives a placement's marks as its register, kept up to date as marks are added in any order, and only that placement's", async () => {
    const registerWords = async (placementId: string, schoolId = SCHOOL) => readRegister(await attendance.registerFor(schoolId, placementId), '2025-09-01', '2025-09-30');
    expect(await registerWords('p-1')).toEqual({ marked: [], unauthorised: [] });
    await recordMark(anAttendanceRecord({ date: '2025-09-16', session: 'pm', mark: 'absent_unauthorised' }));
    await recordMark(anAttendanceRecord({ date: '2025-09-17', session: 'am' }));
    expect(await registerWords('p-1')).toEqual({ marked: ['2025-09-16 pm', '2025-09-17 am'], unauthorised: ['2025-09-16 pm'] });
    // After it has been read: a later day, an earlier day, another unexplained absence.
    await recordMark(anAttendanceRecord({ date: '2025-09-22', session: 'am', mark: 'late' }));
    await recordMark(anAttendanceRecord({ date: '2025-09-08', session: 'am', mark: 'absent_unauthorised' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-2', date: '2025-09-18' }));
    await recordMark(anAttendanceRecord({ schoolId: OTHER_SCHOOL, date: '2025-09-19' }));
    expect(await registerWords('p-1')).toEqual({
      marked: ['2025-09-08 am', '2025-09-16 pm', '2025-09-17 am', '2025-09-22 am'],
      unauthorised: ['2025-09-08 am', '2025-09-16 pm'],
    });
    expect((await registerWords('p-2')).marked).toEqual(['2025-09-18 am']);
    expect((await registerWords('p-1', OTHER_SCHOOL)).marked).toEqual(['2025-09-19 am']);
    // A second mark for a session is refused, and the register does not gain it.
    await codeOf(recordMark(anAttendanceRecord({ date: '2025-09-17', session: 'am', mark: 'absent_unauthorised' })));
    expect((await registerWords('p-1')).unauthorised).toEqual(['2025-09-08 am', '2025-09-16 pm']);
  });

  it("lists a school's marks on one date by placement then session", async () => {
    await recordMark(anAttendanceRecord({ placementId: 'p-3', session: 'pm' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-1', session: 'pm' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-3', session: 'am' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-2', session: 'am' }));
    await recordMark(anAttendanceRecord({ placementId: 'p-1', date: '2025-09-16' }));
    await recordMark(anAttendanceRecord({ schoolId: OTHER_SCHOOL, placementId: 'p-0' }));
    expect(sessions(await attendance.listForDate(SCHOOL, '2025-09-15'))).toEqual([
      'p-1 2025-09-15 pm', 'p-2 2025-09-15 am', 'p-3 2025-09-15 am', 'p-3 2025-09-15 pm',
    ]);
  });

  it("writes each mark's audit entry with it, and none for a second mark of the same session", async () => {
    const mark = anAttendanceRecord({ mark: 'absent_unauthorised' });
    await recordMark(mark);
    expect(await codeOf(recordMark(anAttendanceRecord({ mark: 'late', by: 'someone-else' })))).toBe(ErrorCode.Duplicate);
    const entries = await audit.list(SCHOOL);
    expect(entries.map((e) => e.idempotencyKey)).toEqual([aMarkAudit(mark).idempotencyKey]);
    expect(entries[0]).toMatchObject(aMarkAudit(mark));
    // Written with its mark: nothing is left for the sweep.
    expect(await attendance.completeAudits(SCHOOL)).toBe(0);
    expect(await audit.list(SCHOOL)).toEqual(entries);
  });

  it('hands out copies', async () => {
    const mark = anAttendanceRecord();
    await recordMark(mark);
    mark.mark = 'late';
    const [listed] = await attendance.listForDate(SCHOOL, '2025-09-15');
    if (listed) listed.mark = 'absent_authorised';
    expect((await attendance.listForDate(SCHOOL, '2025-09-15'))[0]?.mark).toBe('present');
  });
}
