import type { Period, SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { FULL_TIME, type Placement, type Session, type Timetable, WEEKDAYS } from '../placement/placement.ts';
import type { EventOf, HistoryEvent, HistoryEventType } from '../placement/events.ts';
import { isoWeekday, type LocalDate, minDate } from '../calendar/localDate.ts';
import type { School, SchoolPolicy } from '../policy/schoolConfig.ts';
import { AttendanceRegister } from '../placement/attendanceRegister.ts';

/** What every obligation rule reads: the placement, its school, and today. */
export interface RuleContext {
  placement: Placement;
  school: School;
  calendar: SchoolCalendar;
  policy: SchoolPolicy;
  now: Date;
  today: LocalDate;
  /** The placement's events of one type, in history order (shared: read, never change). */
  events<T extends HistoryEventType>(type: T): readonly EventOf<T>[];
  /**
   * Whether `later` happened after `earlier`: on a later date, or on the same date recorded after
   * it (by the instant each was recorded, else by their order in the history).
   */
  happenedAfter(later: HistoryEvent, earlier: HistoryEvent): boolean;
  /** The latest date an event of this type was recorded, if ever. */
  latest(type: HistoryEventType): LocalDate | undefined;
  /** The periods the placement has run in so far: from its start to the current one (or its end). */
  periodsSoFar(periods: readonly Period[]): Period[];
  /** Whether an event of this type was recorded in a period (a date in a holiday counts for the next), on or after `from` if given. */
  recordedIn(type: HistoryEventType, period: Period, periods: readonly Period[], from?: LocalDate): boolean;
  /** The school days the placement has run on so far, up to today or its end. */
  schoolDaysSoFar(): LocalDate[];
  /** Visits each session the timetable has had so far, day by day (with the day's number), up to today or the placement's end. */
  forEachSessionSoFar(visit: (date: LocalDate, session: Session, dayNumber: number) => void): void;
  /** Visits each school day from `from` to `to`, both included, with the timetable's sessions that day (perhaps none). */
  forEachTimetabledDay(from: LocalDate, to: LocalDate, visit: (date: LocalDate, sessions: readonly Session[]) => void): void;
  sessionsOn(date: LocalDate, timetable?: Timetable): readonly Session[];
  /** Which sessions have attendance marks, and which were unexplained absences. */
  readonly attendance: AttendanceRegister;
}

const NONE: readonly HistoryEvent[] = [];

const periodOf = (date: LocalDate, periods: readonly Period[]) => periods.find((p) => p.end >= date);

// A class, not an object of closures: a derivation builds one per placement, and its methods are
// then shared rather than made afresh each time.
class PlacementRuleContext implements RuleContext {
  readonly calendar: SchoolCalendar;
  readonly policy: SchoolPolicy;
  // Every rule asks for events by type: the history is grouped once per derivation.
  #byType: Map<HistoryEventType, HistoryEvent[]> | undefined;
  // The store's register of the placement's marks, if given; with any marks its history holds itself, once asked for.
  readonly #kept: AttendanceRegister | undefined;
  #attendance: AttendanceRegister | undefined;

  constructor(
    readonly placement: Placement,
    readonly school: School,
    readonly now: Date,
    readonly today: LocalDate,
    attendance: AttendanceRegister | undefined,
  ) {
    this.calendar = school.calendar;
    this.policy = school.config.policy;
    this.#kept = attendance;
  }

  events<T extends HistoryEventType>(type: T): readonly EventOf<T>[] {
    return this.#eventsOf(type) as readonly EventOf<T>[];
  }

  #eventsOf(type: HistoryEventType): readonly HistoryEvent[] {
    let byType = this.#byType;
    if (!byType) {
      byType = this.#byType = new Map();
      for (const e of this.placement.history) {
        const list = byType.get(e.type);
        if (list) list.push(e);
        else byType.set(e.type, [e]);
      }
    }
    return byType.get(type) ?? NONE;
  }

  happenedAfter(later: HistoryEvent, earlier: HistoryEvent): boolean {
    if (later.on !== earlier.on) return later.on > earlier.on;
    if (later.at && earlier.at) return Date.parse(later.at) > Date.parse(earlier.at);
    return this.placement.history.indexOf(later) > this.placement.history.indexOf(earlier);
  }

  latest(type: HistoryEventType): LocalDate | undefined {
    let latest: LocalDate | undefined;
    for (const e of this.#eventsOf(type)) if (latest === undefined || e.on > latest) latest = e.on;
    return latest;
  }

  periodsSoFar(periods: readonly Period[]): Period[] {
    const { placement, today } = this;
    const current = periods.findIndex((p) => p.end >= today);
    const upTo = current === -1 ? periods.length - 1 : current;
    return periods.filter((p, i) => i <= upTo && p.end >= placement.start && (placement.end === undefined || p.start <= placement.end));
  }

  recordedIn(type: HistoryEventType, period: Period, periods: readonly Period[], from?: LocalDate): boolean {
    return this.#eventsOf(type).some((e) => (from === undefined || e.on >= from) && periodOf(e.on, periods)?.name === period.name);
  }

  schoolDaysSoFar(): LocalDate[] {
    const { placement, today } = this;
    if (placement.start > today) return [];
    return this.calendar.schoolDaysIn(placement.start, placement.end ? minDate(placement.end, today) : today);
  }

  forEachSessionSoFar(visit: (date: LocalDate, session: Session, dayNumber: number) => void): void {
    const { placement, today } = this;
    if (placement.start > today) return;
    const { dates, weekdays, dayNumbers, between } = this.calendar.days;
    const { start, end } = between(placement.start, placement.end ? minDate(placement.end, today) : today);
    const byWeekday = this.#sessionsByWeekday();
    // By index, the days and each day's sessions: every school day since the placement began is walked at every look.
    for (let i = start; i < end; i++) {
      const sessions = byWeekday[(weekdays[i] as number) - 1] as readonly Session[];
      for (let j = 0; j < sessions.length; j++) visit(dates[i] as LocalDate, sessions[j] as Session, dayNumbers[i] as number);
    }
  }

  forEachTimetabledDay(from: LocalDate, to: LocalDate, visit: (date: LocalDate, sessions: readonly Session[]) => void): void {
    const { dates, weekdays, between } = this.calendar.days;
    const { start, end } = between(from, to);
    const byWeekday = this.#sessionsByWeekday();
    for (let i = start; i < end; i++) visit(dates[i] as LocalDate, byWeekday[(weekdays[i] as number) - 1] as readonly Session[]);
  }

  /** The timetable's sessions on each weekday, Monday first. */
  #sessionsByWeekday(): readonly (readonly Session[])[] {
    const timetable = this.placement.timetable ?? FULL_TIME;
    return WEEKDAYS.map((day) => timetable[day]);
  }

  get attendance(): AttendanceRegister {
    if (this.#attendance === undefined) {
      const own = this.events('attendance');
      const kept = this.#kept ?? AttendanceRegister.EMPTY;
      this.#attendance = own.length === 0 ? kept : kept.with(own);
    }
    return this.#attendance;
  }

  sessionsOn(date: LocalDate, timetable: Timetable = this.placement.timetable ?? FULL_TIME): readonly Session[] {
    return this.calendar.isSchoolDay(date) ? sessionsOnWeekday(timetable, isoWeekday(date)) : [];
  }
}

/** A timetable's sessions on an ISO weekday (1 = Monday): none at the weekend. */
function sessionsOnWeekday(timetable: Timetable, day: number): readonly Session[] {
  const weekday = WEEKDAYS[day - 1];
  return weekday ? timetable[weekday] : [];
}

/**
 * The context the rules read. The placement's attendance is read from the marks in its history,
 * and from `attendance` when given: a store's register of the marks it keeps apart (then the
 * history must not carry those marks too).
 */
export function createRuleContext(placement: Placement, school: School, now: Date, today: LocalDate, attendance?: AttendanceRegister): RuleContext {
  return new PlacementRuleContext(placement, school, now, today, attendance);
}
