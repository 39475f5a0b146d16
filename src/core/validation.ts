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

export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
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
export const localDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().refine(isValidLocalDate, { message: 'is not a date (YYYY-MM-DD)' }),
);

export const localTime = z.string().regex(LOCAL_TIME, { message: 'is not a time (HH:MM, 24-hour)' });
