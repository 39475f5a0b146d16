import ICAL from 'ical.js';
import { addDays, type LocalDate } from '../core/calendar/localDate.ts';
import { localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { CalendarEvent } from '../app/import/termDates.ts';


function dateOf(time: ICAL.Time, timezone: string): LocalDate {
  // A UTC time is an instant; a floating or zoned time is already the school's own clock.
  if (time.zone?.tzid === 'UTC') return localDateOf(time.toJSDate(), timezone);
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/**
 * The events of an iCalendar file (RFC 5545), read with ical.js. An all-day event's end is the day
 * after it (DTEND is exclusive), and so is a timed event that ends at midnight.
 */
export function readIcalEvents(text: string, timezone: string): CalendarEvent[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `The file is not an iCalendar file: ${(error as Error).message}`);
  }
  if (root.name !== 'vcalendar') throw new AppError(ErrorCode.InvalidInput, 'The file is not an iCalendar file: it has no VCALENDAR.');
  return root.getAllSubcomponents('vevent').flatMap((component) => {
    const event = new ICAL.Event(component);
    if (!event.startDate) return [];
    const first = dateOf(event.startDate, timezone);
    const end = event.endDate;
    let last = first;
    if (end) {
      const endsAtMidnight = end.isDate || (end.zone?.tzid === 'UTC' ? localTimeOf(end.toJSDate(), timezone) === '00:00' : end.hour === 0 && end.minute === 0);
      last = endsAtMidnight ? addDays(dateOf(end, timezone), -1) : dateOf(end, timezone);
      if (last < first) last = first;
    }
    return [{ summary: (event.summary ?? '').trim(), first, last }];
  });
}
