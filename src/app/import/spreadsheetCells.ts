import { isValidLocalDate, type LocalDate } from '../../core/calendar/localDate.ts';
import { FULL_TIME, SESSIONS, WEEKDAYS, type Session, type Timetable, type Weekday } from '../../core/placement/placement.ts';

/** A cell that could not be read: what was wrong, in words for the person who typed it. */
export class CellProblem extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function dateOf(year: number, month: number, day: number, cell: string): LocalDate {
  const date = `${year}-${twoDigits(month)}-${twoDigits(day)}`;
  if (!isValidLocalDate(date)) throw new CellProblem(`${cell} is not a date in the calendar`);
  return date;
}

/**
 * A date as English spreadsheets write it: 05/01/2026 (day first, always), 5/1/26, 05-01-2026,
 * 05.01.2026, 5 Jan 2026, 05-Jan-2026, or 2026-01-05. An impossible date (31/02/2026) is refused.
 */
export function readDate(cell: string): LocalDate {
  const text = cell.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]), cell);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (dayFirst) {
    const year = Number(dayFirst[3]);
    return dateOf(year < 100 ? 2000 + year : year, Number(dayFirst[2]), Number(dayFirst[1]), cell);
  }
  const named = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(text);
  const month = named ? MONTHS.indexOf((named[2] as string).slice(0, 3).toLowerCase()) : -1;
  if (named && month >= 0) {
    const year = Number(named[3]);
    return dateOf(year < 100 ? 2000 + year : year, month + 1, Number(named[1]), cell);
  }
  throw new CellProblem(`${cell} is not a date (dd/mm/yyyy)`);
}

const DAY_WORDS: Record<string, Weekday> = { mon: 'mon', tue: 'tue', tues: 'tue', wed: 'wed', weds: 'wed', thu: 'thu', thur: 'thu', thurs: 'thu', fri: 'fri' };
const ALL_DAY = new Set(['all', 'allday', 'day', 'full', 'fullday', 'ampm', 'both']);

function weekdayOf(word: string): Weekday | undefined {
  const w = word.toLowerCase();
  return DAY_WORDS[w] ?? DAY_WORDS[w.slice(0, 3)] ?? (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].includes(w) ? DAY_WORDS[w.slice(0, 3)] : undefined);
}

/**
 * The sessions a pupil attends, as people type them: "Mon AM, Tue AM/PM, Thu PM", "Mon AM; Mon PM",
 * "Mon-Wed AM", "Monday all day", or "full time". A day with no session named means both sessions.
 */
export function readSessions(cell: string): Timetable {
  const text = cell.trim().toLowerCase();
  if (/^(full[\s-]?time|ft|all week|mon(day)?\s*-\s*fri(day)?( all day)?)$/.test(text)) return structuredClone(FULL_TIME);
  const timetable: Timetable = { mon: [], tue: [], wed: [], thu: [], fri: [] };
  const parts = text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new CellProblem('no sessions given');
  for (const part of parts) {
    const match = /^([a-z]+)(?:\s*(?:-|to)\s*([a-z]+))?\s*(.*)$/.exec(part);
    const from = match && weekdayOf(match[1] as string);
    const to = match?.[2] ? weekdayOf(match[2]) : from;
    if (!match || !from || !to) throw new CellProblem(`"${part}" does not name a school day (Mon to Fri)`);
    const rest = (match[3] as string).replace(/[\s/&+]|and/g, '');
    let sessions: Session[];
    if (rest === '' || ALL_DAY.has(rest)) sessions = [...SESSIONS];
    else if (rest === 'am' || rest === 'morning') sessions = ['am'];
    else if (rest === 'pm' || rest === 'afternoon') sessions = ['pm'];
    else throw new CellProblem(`"${part}" does not say AM or PM`);
    const days = WEEKDAYS.slice(WEEKDAYS.indexOf(from), WEEKDAYS.indexOf(to) + 1);
    if (days.length === 0) throw new CellProblem(`"${part}" runs backwards`);
    for (const day of days) timetable[day] = SESSIONS.filter((s) => timetable[day].includes(s) || sessions.includes(s));
  }
  return timetable;
}

/** The first letter of a name as a capital A to Z: "Élodie" gives E, "O'Brien" gives O. */
function initialOf(name: string): string {
  const letter = name.normalize('NFD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase();
  if (letter === '') throw new CellProblem('a name has no letter A to Z to take an initial from');
  return letter;
}

/** Initials from a forename and a surname; the names themselves are never kept. */
export function initialsOfNames(forename: string, surname: string): string {
  if (forename.trim() === '' || surname.trim() === '') throw new CellProblem('forename and surname are both needed for the initials');
  return initialOf(forename) + initialOf(surname);
}

/** Initials from one name column: "Smith, John" (surname first, as MIS lists write it) or "John Smith". */
export function initialsOfFullName(name: string): string {
  const comma = name.indexOf(',');
  if (comma >= 0) return initialsOfNames(name.slice(comma + 1).trim().split(/\s+/)[0] ?? '', name.slice(0, comma));
  const words = name.trim().split(/\s+/);
  if (words.length < 2) throw new CellProblem('the name needs a forename and a surname for the initials');
  return initialsOfNames(words[0] as string, words[words.length - 1] as string);
}

/** Initials typed as initials: "J.S.", "js", "J S". */
export function readInitials(cell: string): string {
  const letters = cell.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase();
  // Not quoted back: a column of initials sometimes holds a pupil's name, which goes nowhere.
  if (!/^[A-Z]{1,4}$/.test(letters)) throw new CellProblem('the column holds more than initials (1 to 4 letters)');
  return letters;
}
