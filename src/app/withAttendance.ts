import type { HistoryEvent } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';

/** The placement with the attendance marks kept in the attendance store added to its history. */
export async function withAttendance(placement: Placement, schoolId: string, attendance: AttendanceStore): Promise<Placement> {
  const marks = await attendance.listForPlacement(schoolId, placement.id);
  if (marks.length === 0) return placement;
  const history: HistoryEvent[] = placement.history.slice();
  for (const m of marks) history.push({ type: 'attendance', on: m.date, session: m.session, mark: m.mark, by: m.by });
  return { ...placement, history };
}
