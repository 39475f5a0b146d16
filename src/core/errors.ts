/**
 * Every failure the product expects has a code. A user error is the person's to fix (bad input,
 * not allowed, out of date) and is shown to them; anything else is an incident, logged with an id.
 */
export const ErrorCode = {
  InvalidInput: 'invalid_input',
  InvalidConfig: 'invalid_config',
  OutsideCalendar: 'outside_calendar',
  NotFound: 'not_found',
  NotAllowed: 'not_allowed',
  NotPossible: 'not_possible',
  Conflict: 'conflict',
  Duplicate: 'duplicate',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const userErrors: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.InvalidInput,
  ErrorCode.InvalidConfig,
  ErrorCode.OutsideCalendar,
  ErrorCode.NotFound,
  ErrorCode.NotAllowed,
  ErrorCode.NotPossible,
  ErrorCode.Conflict,
]);

export class AppError extends Error {
  readonly code: ErrorCode;
  /** One line per problem, each naming where it is (`calendar.terms[1].end: is before start`). */
  readonly problems: readonly string[];

  constructor(code: ErrorCode, message: string, problems: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
  }

  get isUserError(): boolean {
    return userErrors.has(this.code);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
