import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar/localDate.ts';
import { AttendanceRegister, sessionNumber, type RegisterMark } from '../../src/core/placement/attendanceRegister.ts';
import { ATTENDANCE_MARKS } from '../../src/core/placement/events.ts';
import { readRegister } from '../fixtures/registers.ts';

let seed = 11;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Marks on random sessions of the 60 days from `from`, one per session at most. */
function someMarks(from: string, count: number): RegisterMark[] {
  const marks = new Map<string, RegisterMark>();
  while (marks.size < count) {
    const mark = { on: addDays(from, Math.floor(random() * 60)), session: pick(['am', 'pm'] as const), mark: pick(ATTENDANCE_MARKS) };
    marks.set(`${mark.on} ${mark.session}`, mark);
  }
  return [...marks.values()];
}

/** What the marks themselves say, as `readRegister` words it. */
function expected(marks: readonly RegisterMark[]) {
  return {
    marked: marks.map((m) => `${m.on} ${m.session}`).sort(),
    unauthorised: marks.filter((m) => m.mark === 'absent_unauthorised').map((m) => `${m.on} ${m.session}`).sort(),
  };
}

describe("a placement's attendance register", () => {
  it('says which sessions are marked and which were unexplained absences, whatever order the marks came in and across a new year', () => {
    for (let round = 0; round < 50; round++) {
      const marks = someMarks('2025-12-01', 1 + Math.floor(random() * 40));
      const shuffled = [...marks].sort(() => random() - 0.5);
      // Made at once, and mark by mark (earlier days after later ones), as a store keeps one.
      const atOnce = AttendanceRegister.of(marks);
      const oneByOne = shuffled.reduce((register, mark) => register.with([mark]), AttendanceRegister.EMPTY);
      for (const register of [atOnce, oneByOne]) expect(readRegister(register, '2025-11-20', '2026-02-10')).toEqual(expected(marks));
    }
  });

  it('is the same made from its sessions as numbers, as a store may keep it', () => {
    for (let round = 0; round < 30; round++) {
      const marks = someMarks('2025-12-01', 1 + Math.floor(random() * 40));
      const numbers = marks.map((m) => sessionNumber(m.on, m.session)).sort(() => random() - 0.5);
      const absences = marks.filter((m) => m.mark === 'absent_unauthorised').map((m) => sessionNumber(m.on, m.session));
      expect(readRegister(AttendanceRegister.ofSessionNumbers(numbers, absences), '2025-11-20', '2026-02-10')).toEqual(expected(marks));
    }
    expect(sessionNumber('2026-02-09', 'pm') - sessionNumber('2026-02-09', 'am')).toBe(1);
    expect(sessionNumber('2026-02-10', 'am') - sessionNumber('2026-02-09', 'pm')).toBe(1);
    expect(AttendanceRegister.ofSessionNumbers([], [])).toBe(AttendanceRegister.EMPTY);
  });

  it('is never changed by adding to it', () => {
    const first = { on: '2026-02-09', session: 'am', mark: 'absent_unauthorised' } as const;
    const before = AttendanceRegister.of([first]);
    const after = before.with([{ on: '2026-02-02', session: 'pm', mark: 'absent_unauthorised' }, { on: '2026-02-16', session: 'am', mark: 'present' }]);
    expect(readRegister(before, '2026-01-01', '2026-03-01')).toEqual(expected([first]));
    expect(readRegister(after, '2026-01-01', '2026-03-01').marked).toEqual(['2026-02-02 pm', '2026-02-09 am', '2026-02-16 am']);
    expect(before.with([])).toBe(before);
  });

  it('has nothing marked when empty', () => {
    expect(readRegister(AttendanceRegister.of([]), '2026-01-01', '2026-01-31')).toEqual({ marked: [], unauthorised: [] });
  });
});
