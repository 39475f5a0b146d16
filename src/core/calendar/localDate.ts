/** A calendar date as the school sees it, `YYYY-MM-DD`, with no time and no zone. */
export type LocalDate = string;

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Dates are counted as whole days since 1970-01-01 (a Thursday), so date arithmetic is integer
// arithmetic: no time zone, no Date object, no day that is 23 or 25 hours long.
const DAY_ONE_WEEKDAY = 4;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] as number));

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function fromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad4 = (n: number) => (n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`);

/** The day number of a date: days since 1970-01-01. */
export function dayNumberOf(date: LocalDate): number {
  return fromCivil(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
}

/** The date of a day number (H. Hinnant's civil_from_days). */
export function dateOfDayNumber(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

export function isValidLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  // Years before 100 were never accepted (JavaScript dates read them as 19xx).
  return y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Calendar months; the 29th to 31st clamp to the month's last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const monthIndex = digits(date, 0, 4) * 12 + digits(date, 5, 7) - 1 + months;
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  const d = Math.min(digits(date, 8, 10), daysInMonth(y, m));
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** 1 = Monday ... 7 = Sunday. */
function isoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + DAY_ONE_WEEKDAY - 1) % 7) + 7) % 7) + 1;
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return isoWeekdayOfDayNumber(dayNumberOf(date));
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
  const weekday = WEEKDAY_NAMES[isoWeekday(date) - 1] as string;
  return `${weekday} ${digits(date, 8, 10)} ${MONTH_NAMES[digits(date, 5, 7) - 1] as string}`;
}
