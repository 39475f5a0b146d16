import { randomUUID } from 'node:crypto';
import { isAppError } from '../../core/errors.ts';
import type { Log } from '../../ports/chatAdapter.ts';

/** What to tell the person: their own mistake in plain words, or an incident id we have logged. */
export function explain(log: Log, error: unknown): string {
  if (isAppError(error) && error.isUserError) return error.message;
  const incident = randomUUID().slice(0, 8);
  // The error's name and code only: messages from deep down may quote pupil data.
  log.error({ component: 'slack', incident, error: error instanceof Error ? error.name : typeof error, code: (error as { code?: unknown })?.code }, 'Slack handler failed');
  return `Something went wrong on our side. Nothing was recorded. If it happens again, give your admin incident ${incident}.`;
}

const FIELD_LINE = /^\s*([A-Za-z][\w.]*(?:\[\d+\])?[\w.]*): (.+)$/;

/**
 * A refusal's lines, each by the modal block it is about (block ids are the input's field paths);
 * lines about no block go to `fallback`, so Slack shows every one beside some field.
 */
export function errorsByBlock(error: unknown, blockIds: readonly string[], fallback: string, log: Log): Record<string, string> {
  const lines = isAppError(error) && error.isUserError ? (error.problems.length > 0 ? error.problems : error.message.split('\n').filter(Boolean)) : [explain(log, error)];
  const errors: Record<string, string> = {};
  const add = (block: string, text: string) => {
    errors[block] = errors[block] ? `${errors[block]}; ${text}` : text;
  };
  for (const line of lines) {
    const match = FIELD_LINE.exec(line);
    const path = match?.[1]?.replace(/\[\d+\]/g, '');
    const block = path && [...blockIds].filter((id) => path === id || path.startsWith(`${id}.`)).sort((a, b) => b.length - a.length)[0];
    if (block && match?.[2]) add(block, match[2]);
    else if (!/is not valid:$/.test(line)) add(fallback, line.trim());
  }
  return errors;
}
