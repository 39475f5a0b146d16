import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { LocalDate } from './localDate.ts';

/** A wall-clock time `HH:MM` in the school's timezone. */
export type LocalTime = string;

export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

// Time-zone conversion is the one costly step left when due times are stated, and a school states
// few distinct ones (a handful of times on a few hundred dates), so answers are remembered; each
// table is emptied when it grows past any real calendar's needs.
const REMEMBERED = 50_000;
const instants = new Map<string, number>();

/** The instant at which the school's clock shows `time` on `date` (BST or GMT as the date demands). */
export function instantAt(date: LocalDate, time: LocalTime, timezone: string): Date {
  const key = `${timezone} ${date} ${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    ms = new TZDate(y, m - 1, d, hh, mm, timezone).getTime();
    if (instants.size >= REMEMBERED) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

// A sweep or a due list asks the date of the same few instants for every placement it derives.
const dates = new Map<string, LocalDate>();

/** The school-local date of an instant. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  const ms = instant.getTime();
  const key = `${timezone} ${ms}`;
  let date = dates.get(key);
  if (date === undefined) {
    date = format(new TZDate(ms, timezone), 'yyyy-MM-dd');
    if (dates.size >= REMEMBERED) dates.clear();
    dates.set(key, date);
  }
  return date;
}

/** The school-local wall-clock time of an instant, `HH:MM`. */
export function localTimeOf(instant: Date, timezone: string): LocalTime {
  return format(new TZDate(instant.getTime(), timezone), 'HH:mm');
}
