import type { DoneView } from '../../../views/done.ts';
import { context, escape, message, section, type SlackMessage } from './parts.ts';

/** Replaces the card someone acted on: no buttons left to press twice. */
export function doneMessage(view: DoneView): SlackMessage {
  return message(`${view.text} (${view.pupil.label})`, [
    context(`*${escape(view.pupil.label)}* · ${escape(view.title)}`),
    section(`:white_check_mark: ${escape(view.text)}`),
    ...(view.recorded ? [section(escape(view.recorded))] : []),
    context(escape(view.when)),
  ]);
}
