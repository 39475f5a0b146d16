import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { LocalDate } from './localDate.ts';

/** A wall-clock time `HH:MM` in the school's timezone. */
export type LocalTime = string;

export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant at which the school's clock shows `time` on `date` (BST or GMT as the date demands). */
export function instantAt(date: LocalDate, time: LocalTime, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timezone).getTime());
}

/** The school-local date of an instant. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  return format(new TZDate(instant.getTime(), timezone), 'yyyy-MM-dd');
}

/** The school-local wall-clock time of an instant, `HH:MM`. */
export function localTimeOf(instant: Date, timezone: string): LocalTime {
  return format(new TZDate(instant.getTime(), timezone), 'HH:mm');
}
