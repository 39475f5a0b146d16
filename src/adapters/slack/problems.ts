import { randomUUID } from 'node:crypto';
import { isAppError } from '../../core/errors.ts';
import { refusalLines } from '../../app/guards.ts';
import type { Log } from '../../ports/chatAdapter.ts';
import type { FormField } from '../../views/viewModel.ts';

/** What to tell the person: their own mistake in plain words, or an incident id we have logged. */
export function explain(log: Log, error: unknown): string {
  if (isAppError(error) && error.isUserError) return error.message;
  const incident = randomUUID().slice(0, 8);
  // The error's name and code only: messages from deep down may quote pupil data.
  log.error({ component: 'slack', incident, error: error instanceof Error ? error.name : typeof error, code: (error as { code?: unknown })?.code }, 'Slack handler failed');
  return `Something went wrong on our side. Nothing was recorded. If it happens again, give your admin incident ${incident}.`;
}

/**
 * A refusal's lines, each beside the modal block of the field it is about (block ids are the
 * fields' ids), in the app's words; lines about no block go to `fallback`, so Slack shows every one.
 */
export function errorsByBlock(error: unknown, fields: readonly FormField[], blockIds: readonly string[], fallback: string, log: Log): Record<string, string> {
  const lines = isAppError(error) && error.isUserError ? refusalLines(error, fields) : [{ field: null, said: explain(log, error) }];
  const errors: Record<string, string> = {};
  const add = (block: string, text: string) => {
    errors[block] = errors[block] ? `${errors[block]}; ${text}` : text;
  };
  for (const line of lines) {
    if (line.field !== null && blockIds.includes(line.field)) add(line.field, line.problem);
    else if (!/is not valid:$/.test(line.said)) add(fallback, line.said.trim());
  }
  return errors;
}
