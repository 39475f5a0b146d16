import { TZDate } from '@date-fns/tz';
import { addDays as fnsAddDays, addMonths as fnsAddMonths, differenceInCalendarDays, format } from 'date-fns';

/** A calendar date as the school sees it, `YYYY-MM-DD`, with no time and no zone. */
export type LocalDate = string;

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Date-only arithmetic runs in UTC, where no day is 23 or 25 hours long.
function toUtc(date: LocalDate): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
}

function fromUtc(date: Date): LocalDate {
  return format(date, 'yyyy-MM-dd');
}

export function isValidLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  return fromUtc(toUtc(value)) === value;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(fnsAddDays(toUtc(date), days));
}

/** Calendar months; the 29th to 31st clamp to the month's last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return fromUtc(fnsAddMonths(toUtc(date), months));
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from));
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = toUtc(date).getDay();
  return day === 0 ? 7 : day;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** "Fri 13 Feb" */
export function shortDate(date: LocalDate): string {
  return format(toUtc(date), 'EEE d MMM');
}
