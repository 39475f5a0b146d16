import { describe, expect, it } from 'vitest';
import type { AttendanceMark } from '../../src/core/placement/events.ts';
import type { Session } from '../../src/core/placement/placement.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aPlacement } from '../fixtures/placements.ts';

const monAndTue = { mon: ['am', 'pm'], tue: ['am'], wed: [], thu: [], fri: [] };

describe('a sweep reads the marks kept in the attendance store', () => {
  it('nudges for the sessions still unmarked and the unexplained absence, and for none that are marked, before and after it has read them', async () => {
    const rig = await aNudgeRig([aPlacement({ start: '2026-02-09', timetable: monAndTue })], '2026-02-09T07:00:00Z');
    const { stores, school } = rig;
    const mark = (date: string, session: Session, mark: AttendanceMark, at: string) =>
      stores.attendance.record(
        { schoolId: school.id, placementId: 'P-001', date, session, mark, by: 's-attendance', at: new Date(at) },
        { schoolId: school.id, at: new Date(at), actor: 's-attendance', role: 'attendance_officer', action: 'confirmAttendance', placementId: 'P-001', idempotencyKey: `mark:${date}:${session}`, outcome: 'recorded', summary: `Attendance confirmed: ${date} ${session}` },
      );
    const nudged = async () => (await stores.outbox.list(school.id)).map((e) => e.dedupeKey).filter((key) => key.includes('attendance') || key.includes('absence'));

    await mark('2026-02-09', 'am', 'present', '2026-02-09T09:30:00Z');
    await mark('2026-02-09', 'pm', 'absent_unauthorised', '2026-02-09T13:30:00Z');
    // After Tuesday's morning cut-off: Tuesday's session is late; Monday's are marked, one of them an absence nobody has explained.
    await rig.at('2026-02-10T10:30:00Z');
    const late = await nudged();
    expect(late.filter((key) => key.startsWith('attendance|')).map((key) => key.split('|').slice(1, 4).join(' '))).toEqual(
      expect.arrayContaining(['2026-02-10 am overdue']),
    );
    expect(late.some((key) => key.includes('2026-02-09|am') || key.includes('2026-02-09|pm'))).toBe(false);
    expect(late.some((key) => key.includes('absence_follow_up|2026-02-09 pm'))).toBe(true);

    // Marked once the sweep has read the register: at the end of the day nothing about it is escalated.
    await mark('2026-02-10', 'am', 'late', '2026-02-10T10:45:00Z');
    await rig.at('2026-02-10T16:30:00Z');
    expect((await nudged()).filter((key) => key.startsWith('attendance|2026-02-10|am|escalated'))).toEqual([]);
  });
});
