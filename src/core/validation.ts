import { z } from 'zod';
import { AppError, ErrorCode } from './errors.ts';
import { isValidLocalDate } from './calendar/localDate.ts';
import { LOCAL_TIME } from './calendar/localTime.ts';

/** `calendar.terms[1].end` from zod's `['calendar', 'terms', 1, 'end']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Text over its limit is refused saying the limit, never cut short. */
function messageOf(issue: z.core.$ZodIssue): string {
  // A schema's own words ("say what happened") stand; zod's defaults are put plainly.
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'is needed';
  if (!/^Too (big|small)/.test(issue.message)) return issue.message;
  if (issue.code === 'too_big' && issue.origin === 'string') return `is too long: keep it to ${Number(issue.maximum).toLocaleString('en-GB')} characters`;
  if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is empty' : `is too short: at least ${Number(issue.minimum)} characters`;
  return issue.message;
}

export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${messageOf(issue)}` : messageOf(issue);
  });
}

/** Parses with a schema or throws a user error listing every problem with its path. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  code: ErrorCode = ErrorCode.InvalidInput,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  throw new AppError(code, `${what} is not valid:\n  ${problems.join('\n  ')}`, problems);
}

// YAML 1.1 readers turn unquoted dates into Date objects; accept both forms.
const dateString = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

export const localDate = z.preprocess(dateString, z.string().refine(isValidLocalDate, { message: 'is not a date (YYYY-MM-DD)' }));

/** A date a record cannot do without; left out, it is named by `missing` ("give the date of the visit"). */
export const requiredDate = (missing: string) =>
  z.preprocess(dateString, z.string({ error: missing }).min(1, { message: missing }).refine(isValidLocalDate, { message: 'is not a date (YYYY-MM-DD)' }));

/** Text a record cannot do without; left out or blank, it is named by `missing` ("say who visited"). */
export const requiredText = (missing: string, min = 2, max = 2000) =>
  z.string({ error: missing }).trim().min(min, { message: missing }).max(max);

export const localTime = z.string().regex(LOCAL_TIME, { message: 'is not a time (HH:MM, 24-hour)' });

/** Zod's own message for a wrong value, and `missing` for a value left out. */
export const whenMissing = (missing: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? missing : undefined) });
