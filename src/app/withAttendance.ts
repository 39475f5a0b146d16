import type { HistoryEvent } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';

/** The placement with the attendance marks kept in the attendance store added to its history. */
export async function withAttendance(placement: Placement, schoolId: string, attendance: AttendanceStore): Promise<Placement> {
  const marks = await attendance.eventsForPlacement(schoolId, placement.id);
  return marks.length === 0 ? placement : { ...placement, history: withMarks(placement, marks) };
}

/**
 * The placement's history with its attendance marks added after it, always a new array: a store
 * may hand out a frozen one, and V8 walks a frozen array several times slower than a plain one
 * (every rule walks the history of every placement a sweep looks at).
 */
export function withMarks(placement: Placement, marks: readonly HistoryEvent[]): Placement['history'] {
  return [...placement.history, ...marks];
}
