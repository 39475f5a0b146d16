import { AppError, ErrorCode } from '../errors.ts';
import { addDays, dateOfDayNumber, dayNumberOf, isoWeekday, isWeekend, type LocalDate } from './localDate.ts';
import { byCodeUnits } from '../byCodeUnits.ts';

export interface DateRange {
  start: LocalDate;
  end: LocalDate;
}

export interface Term extends DateRange {
  name: string;
  halfTermBreak?: DateRange | undefined;
}

export interface Closure {
  date: LocalDate;
  reason: string;
}

export interface CalendarInput {
  terms: readonly Term[];
  closures: readonly Closure[];
  bankHolidays: readonly LocalDate[];
}

/** A half-term or a whole term: the unit "at least once each half-term" is counted in. */
export interface Period extends DateRange {
  name: string;
  lastSchoolDay: LocalDate;
}

export interface SchoolCalendar {
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly terms: readonly Period[];
  readonly halfTerms: readonly Period[];
  isSchoolDay(date: LocalDate): boolean;
  /** The n-th school day after `date` (not counting `date` itself). */
  addSchoolDays(date: LocalDate, n: number): LocalDate;
  /** The n-th school day before `date` (not counting `date` itself). */
  subtractSchoolDays(date: LocalDate, n: number): LocalDate;
  /** School days after `from` up to and including `to`; negative when `to` is earlier. */
  schoolDaysBetween(from: LocalDate, to: LocalDate): number;
  /** School days from `from` to `to`, both included. */
  schoolDaysIn(from: LocalDate, to: LocalDate): LocalDate[];
  /**
   * Every school day in order, as arrays to walk by index: a rule that walks all the days of a
   * placement reads them here rather than being called back once a day.
   */
  readonly days: SchoolDays;
  /** The half-term a date belongs to; a date in a holiday belongs to the half-term after it. */
  halfTermOf(date: LocalDate): Period | undefined;
  /** The term a date belongs to; a date in a holiday belongs to the term after it. */
  termOf(date: LocalDate): Period | undefined;
}

/** The school days of a calendar, in order: the i-th one's date, weekday and day number. */
export interface SchoolDays {
  readonly dates: readonly LocalDate[];
  /** 1 = Monday ... 5 = Friday. */
  readonly weekdays: Uint8Array;
  /** See `dayNumberOf`. */
  readonly dayNumbers: Int32Array;
  /** The indexes of the school days from `from` to `to`, both included: `start` up to but not including `end`. */
  between(from: LocalDate, to: LocalDate): { start: number; end: number };
}

export function createSchoolCalendar(input: CalendarInput): SchoolCalendar {
  const terms = [...input.terms].sort((a, b) => byCodeUnits(a.start, b.start));
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (!first || !last) throw new AppError(ErrorCode.InvalidConfig, 'The calendar needs at least one term.');

  // Compiled once into a day-number index: for each day from the first term's start to the last
  // term's end, how many school days fall on or before it. Adding or counting school days is then
  // a lookup.
  const firstNumber = dayNumberOf(first.start);
  const span = dayNumberOf(last.end) - firstNumber + 1;
  const closed = new Set<number>([...input.bankHolidays, ...input.closures.map((c) => c.date)].map(dayNumberOf));
  const isSchool = new Uint8Array(span);
  for (const term of terms) {
    const breakFrom = term.halfTermBreak ? dayNumberOf(term.halfTermBreak.start) : Infinity;
    const breakTo = term.halfTermBreak ? dayNumberOf(term.halfTermBreak.end) : -Infinity;
    for (let n = dayNumberOf(term.start), end = dayNumberOf(term.end); n <= end; n++) {
      const inBreak = n >= breakFrom && n <= breakTo;
      if (!isWeekend(dateOfDayNumber(n)) && !closed.has(n) && !inBreak) isSchool[n - firstNumber] = 1;
    }
  }
  const schoolDays: LocalDate[] = [];
  const weekdays: number[] = [];
  const dayNumbers: number[] = [];
  const countOnOrBefore = new Int32Array(span);
  for (let i = 0; i < span; i++) {
    if (isSchool[i]) {
      schoolDays.push(dateOfDayNumber(firstNumber + i));
      weekdays.push(isoWeekday(schoolDays[schoolDays.length - 1] as LocalDate));
      dayNumbers.push(firstNumber + i);
    }
    countOnOrBefore[i] = schoolDays.length;
  }

  /** How many school days fall on or before `date`. */
  const countUpTo = (date: LocalDate): number => {
    const i = dayNumberOf(date) - firstNumber;
    if (i < 0) return 0;
    return i < span ? (countOnOrBefore[i] as number) : schoolDays.length;
  };
  const isSchoolDay = (date: LocalDate): boolean => isSchool[dayNumberOf(date) - firstNumber] === 1;

  const outside = (date: LocalDate, n: number, direction: 'after' | 'before') =>
    new AppError(
      ErrorCode.OutsideCalendar,
      `${n} school days ${direction} ${date} falls outside the school calendar (${first.start} to ${last.end}); add the term dates for that year.`,
    );

  const lastSchoolDayIn = (range: DateRange): LocalDate => {
    const index = countUpTo(range.end) - 1;
    const day = schoolDays[index];
    return day !== undefined && day >= range.start ? day : range.end;
  };

  const period = (name: string, range: DateRange): Period => ({ name, ...range, lastSchoolDay: lastSchoolDayIn(range) });

  const halfTerms: Period[] = terms.flatMap((term) =>
    term.halfTermBreak
      ? [
          period(`${term.name} first half`, { start: term.start, end: addDays(term.halfTermBreak.start, -1) }),
          period(`${term.name} second half`, { start: addDays(term.halfTermBreak.end, 1), end: term.end }),
        ]
      : [period(term.name, term)],
  );
  const termPeriods = terms.map((term) => period(term.name, term));

  const periodOf = (periods: readonly Period[], date: LocalDate) => periods.find((p) => p.end >= date);

  return {
    firstDay: first.start,
    lastDay: last.end,
    terms: termPeriods,
    halfTerms,
    isSchoolDay,
    addSchoolDays(date, n) {
      if (n === 0) return date;
      const day = schoolDays[countUpTo(date) + n - 1];
      if (day === undefined) throw outside(date, n, 'after');
      return day;
    },
    subtractSchoolDays(date, n) {
      if (n === 0) return date;
      const before = countUpTo(date) - (isSchoolDay(date) ? 1 : 0);
      const day = schoolDays[before - n];
      if (day === undefined) throw outside(date, n, 'before');
      return day;
    },
    schoolDaysBetween: (from, to) => countUpTo(to) - countUpTo(from),
    schoolDaysIn: (from, to) => schoolDays.slice(countUpTo(addDays(from, -1)), countUpTo(to)),
    days: {
      dates: schoolDays,
      weekdays: Uint8Array.from(weekdays),
      dayNumbers: Int32Array.from(dayNumbers),
      between: (from, to) => ({ start: countUpTo(addDays(from, -1)), end: countUpTo(to) }),
    },
    halfTermOf: (date) => periodOf(halfTerms, date),
    termOf: (date) => periodOf(termPeriods, date),
  };
}
