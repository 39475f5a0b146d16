import { dateOfDayNumber, dayNumberOf, type LocalDate } from '../calendar/localDate.ts';
import type { AttendanceMark } from './events.ts';
import type { Session } from './placement.ts';

/** One mark as the register reads it: the date and session it is for, and what it says. */
export interface RegisterMark {
  on: LocalDate;
  session: Session;
  mark: AttendanceMark;
}

/** A session of a day: what an unexplained absence is followed up for. */
export interface SessionOn {
  on: LocalDate;
  session: Session;
}

const SESSION_BIT: Readonly<Record<Session, number>> = { am: 1, pm: 2 };

/**
 * A session as one number, as a store may keep a register (see `AttendanceRegister.ofSessionNumbers`):
 * its day number (see `dayNumberOf`) times two, plus one for the afternoon.
 */
export function sessionNumber(on: LocalDate, session: Session): number {
  return dayNumberOf(on) * 2 + (session === 'pm' ? 1 : 0);
}

/**
 * What the obligation rules need of a placement's attendance marks, however many a school year
 * has made: which sessions of each day are marked, and which were unexplained absences. One byte a
 * day from the first mark's day, so asking about a day is an index, and a whole year is a few
 * hundred bytes rather than hundreds of objects to read into a history and walk.
 *
 * Immutable: `with` makes a new register, so a store may keep one per placement and hand it to
 * every reader.
 */
export class AttendanceRegister {
  static readonly EMPTY = new AttendanceRegister(0, new Uint8Array(0), []);

  /** The day number the first byte is for. */
  readonly #first: number;
  /** Each day's marked sessions as bits: am 1, pm 2. */
  readonly #days: Uint8Array;
  /** Unexplained absences, in the order they were added. */
  readonly unauthorised: readonly SessionOn[];

  private constructor(first: number, days: Uint8Array, unauthorised: readonly SessionOn[]) {
    this.#first = first;
    this.#days = days;
    this.unauthorised = unauthorised;
  }

  /** The register of these marks, in any order. */
  static of(marks: Iterable<RegisterMark>): AttendanceRegister {
    return AttendanceRegister.EMPTY.with(marks);
  }

  /** The register of the sessions marked and those of them that were unexplained absences, each as its `sessionNumber`. */
  static ofSessionNumbers(marked: readonly number[], unauthorised: readonly number[]): AttendanceRegister {
    const absences = [...unauthorised].sort((a, b) => a - b).map((n): SessionOn => ({ on: dateOfDayNumber(Math.floor(n / 2)), session: n % 2 === 1 ? 'pm' : 'am' }));
    return AttendanceRegister.EMPTY.#grown(
      marked.map((n) => Math.floor(n / 2)),
      marked.map((n) => (n % 2 === 1 ? SESSION_BIT.pm : SESSION_BIT.am)),
      absences,
    );
  }

  /** This register with more marks. */
  with(marks: Iterable<RegisterMark>): AttendanceRegister {
    const dayNumbers: number[] = [];
    const bits: number[] = [];
    const absences: SessionOn[] = [];
    for (const { on, session, mark } of marks) {
      dayNumbers.push(dayNumberOf(on));
      bits.push(SESSION_BIT[session]);
      if (mark === 'absent_unauthorised') absences.push({ on, session });
    }
    return this.#grown(dayNumbers, bits, absences);
  }

  /**
   * This register with each day's bits (`bits[i]` on `dayNumbers[i]`) and the absences added: its
   * bytes copied (a year's are a few hundred), its absences shared unless some are added.
   */
  #grown(dayNumbers: readonly number[], bits: readonly number[], absences: readonly SessionOn[]): AttendanceRegister {
    if (dayNumbers.length === 0) return this;
    const empty = this.#days.length === 0;
    let first = empty ? Infinity : this.#first;
    let last = empty ? -Infinity : this.#first + this.#days.length - 1;
    for (const day of dayNumbers) {
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    const days = new Uint8Array(last - first + 1);
    if (!empty) days.set(this.#days, this.#first - first);
    for (let i = 0; i < dayNumbers.length; i++) {
      const at = (dayNumbers[i] as number) - first;
      days[at] = (days[at] as number) | (bits[i] as number);
    }
    return new AttendanceRegister(first, days, absences.length === 0 ? this.unauthorised : [...this.unauthorised, ...absences]);
  }

  /** Whether a session of the day with this day number (see `dayNumberOf`) has a mark. */
  isMarked(dayNumber: number, session: Session): boolean {
    const i = dayNumber - this.#first;
    return i >= 0 && i < this.#days.length && ((this.#days[i] as number) & SESSION_BIT[session]) !== 0;
  }
}
