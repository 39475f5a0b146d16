import { isValidLocalDate } from '../core/calendar/localDate.ts';
import { AppError, ErrorCode } from '../core/errors.ts';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO instant that says its offset (`2026-02-09T08:00:00Z`), so nobody guesses the timezone. */
export function parseInstant(value: string | undefined, flag: string): Date {
  const date = value !== undefined && WITH_OFFSET.test(value) && isValidLocalDate(value.slice(0, 10)) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new AppError(ErrorCode.InvalidInput, `${flag} needs an ISO instant with its offset, e.g. 2026-02-09T08:00:00Z (got ${value ?? 'nothing'}).`);
  return date;
}
