import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { LocalDate } from './localDate.ts';
import { UK_ZONE, ukInstant, ukOffset } from './ukClock.ts';

/** A wall-clock time `HH:MM` in the school's timezone. */
export type LocalTime = string;

export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

// Time-zone conversion is the one costly step left when due times are stated, and a school states
// few distinct ones (a handful of times on a few hundred dates), so answers are remembered; each
// table is emptied when it grows past any real calendar's needs.
const REMEMBERED = 50_000;
/** Timezone → time → date → instant (ms); nested so no key string is built per call. */
const instants = new Map<string, Map<LocalTime, Map<LocalDate, number>>>();
let instantsHeld = 0;

/** The instant at which the school's clock shows `time` on `date` (BST or GMT as the date demands). */
export function instantAt(date: LocalDate, time: LocalTime, timezone: string): Date {
  let byTime = instants.get(timezone);
  if (!byTime) instants.set(timezone, (byTime = new Map()));
  let byDate = byTime.get(time);
  if (!byDate) byTime.set(time, (byDate = new Map()));
  let ms = byDate.get(date);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    ms = (timezone === UK_ZONE ? ukInstant(Date.UTC(y, m - 1, d, hh, mm)) : undefined) ?? new TZDate(y, m - 1, d, hh, mm, timezone).getTime();
    if (++instantsHeld > REMEMBERED) {
      instants.clear();
      instantsHeld = 0;
    }
    byDate.set(date, ms);
  }
  return new Date(ms);
}

// A sweep or a due list asks the date and time of the same few instants for every placement, and
// requests arriving in the same minute ask about that minute: answers are remembered per minute.
/** Timezone → minute since the epoch → its local date and time; nested so no key string is built per call. */
const wallClock = new Map<string, Map<number, { date: LocalDate; time: LocalTime }>>();
let wallClockHeld = 0;
const MINUTE = 60_000;

function wallClockAt(instant: Date, timezone: string): { date: LocalDate; time: LocalTime } {
  const ms = instant.getTime();
  const minute = Math.floor(ms / MINUTE);
  let byMinute = wallClock.get(timezone);
  if (!byMinute) wallClock.set(timezone, (byMinute = new Map()));
  let seen = byMinute.get(minute);
  if (seen === undefined) {
    // Every zone's offset has been a whole number of minutes since 1972, so a minute is one minute everywhere.
    seen = shownAt(minute * MINUTE, timezone);
    if (++wallClockHeld > REMEMBERED) {
      wallClock.clear();
      wallClockHeld = 0;
      wallClock.set(timezone, (byMinute = new Map()));
    }
    byMinute.set(minute, seen);
  }
  return seen;
}

/** The date and time the zone's clocks show at an instant. */
function shownAt(ms: number, timezone: string): { date: LocalDate; time: LocalTime } {
  const offset = timezone === UK_ZONE ? ukOffset(ms) : undefined;
  if (offset === undefined) {
    const local = new TZDate(ms, timezone);
    return { date: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') };
  }
  const shown = new Date(ms + offset).toISOString();
  return { date: shown.slice(0, 10), time: shown.slice(11, 16) };
}

/** The school-local date of an instant. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  return wallClockAt(instant, timezone).date;
}

/** The school-local wall-clock time of an instant, `HH:MM`. */
export function localTimeOf(instant: Date, timezone: string): LocalTime {
  return wallClockAt(instant, timezone).time;
}
