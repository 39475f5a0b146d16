import { z } from 'zod';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../core/calendar/bankHolidays.ts';
import type { LocalDate } from '../../core/calendar/localDate.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { localDate, parseOrThrow } from '../../core/validation.ts';
import type { CalendarDocument } from './termDates.ts';

/** The government's published list (www.gov.uk/bank-holidays.json): one division per part of the UK. */
const govUkBankHolidays = z.record(z.string(), z.object({ division: z.string(), events: z.array(z.looseObject({ title: z.string(), date: localDate })) }));

export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

/** The bank holidays of one division of the government's list. */
export function bankHolidaysOf(document: unknown, division: string): LocalDate[] {
  const list = parseOrThrow(govUkBankHolidays, document, 'The bank-holidays file');
  const events = list[division]?.events;
  if (!events) throw new AppError(ErrorCode.InvalidInput, `The bank-holidays file has no "${division}"; it has ${Object.keys(list).join(', ') || 'nothing'}.`);
  return events.map((e) => e.date);
}

/** The school's bank holidays (its own list, or the built-in one) with these added. */
export function withBankHolidays(calendar: CalendarDocument, dates: readonly LocalDate[]): CalendarDocument {
  const all = new Set([...(calendar.bankHolidays ?? ENGLAND_AND_WALES_BANK_HOLIDAYS), ...dates]);
  return { ...calendar, bankHolidays: [...all].sort() };
}
