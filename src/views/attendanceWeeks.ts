import { addDays, isoWeekday, shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Placement } from '../core/placement/placement.ts';

export interface AttendanceTally {
  /** Sessions marked present or late. */
  attended: number;
  /** Sessions marked, leaving out those not timetabled. */
  marked: number;
  /** Rounded percentage of marked sessions attended; null when nothing was marked. */
  percent: number | null;
}

export interface AttendanceWeek extends AttendanceTally {
  /** The Monday the week starts on. */
  weekOf: LocalDate;
  /** "w/c Mon 5 Jan" */
  label: string;
}

export function tally(marks: readonly { mark: string }[]): AttendanceTally {
  const counted = marks.filter((m) => m.mark !== 'not_timetabled');
  const attended = counted.filter((m) => m.mark === 'present' || m.mark === 'late').length;
  return { attended, marked: counted.length, percent: counted.length === 0 ? null : Math.round((attended / counted.length) * 100) };
}

/** "93% (28 of 30 sessions)" or "no marks yet". */
export function tallyWords(t: AttendanceTally): string {
  return t.percent === null ? 'no marks yet' : `${t.percent}% (${t.attended} of ${t.marked} sessions)`;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The confirmed marks of a placement between two dates (both included). */
export function marksBetween(placement: Placement, from: LocalDate, to: LocalDate) {
  return placement.history.flatMap((e) => (e.type === 'attendance' && e.on >= from && e.on <= to ? [e] : []));
}

/** Attendance week by week (Monday to Sunday) from the week of `from` to the week of `to`, from confirmed marks. */
export function attendanceByWeek(placement: Placement, from: LocalDate, to: LocalDate): AttendanceWeek[] {
  const weeks: AttendanceWeek[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    const marks = marksBetween(placement, monday > from ? monday : from, addDays(monday, 6) < to ? addDays(monday, 6) : to);
    weeks.push({ weekOf: monday, label: `w/c ${shortDate(monday)}`, ...tally(marks) });
  }
  return weeks;
}
