import type { ErrorView } from '../../../views/error.ts';
import { context, escape, message, section, type SlackMessage } from './parts.ts';

export function errorMessage(view: ErrorView): SlackMessage {
  const problems = view.problems.slice(0, 20).map((p) => `• ${escape(p)}`).join('\n');
  return message(`${view.title}: ${view.message}`, [
    section(`*${escape(view.title)}*\n${escape(view.message)}`),
    ...(problems ? [section(problems)] : []),
    context(escape(view.footnote)),
  ]);
}
