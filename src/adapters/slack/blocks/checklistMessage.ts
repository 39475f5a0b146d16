import type { ChecklistView } from '../../../views/checklist.ts';
import { actionBlocks, button, context, escape, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

/** The checks before a placement starts, each still to do with its own button; then what blocks the start, or the start. */
export function checklistMessage(view: ChecklistView): SlackMessage {
  return message(`${view.title}: ${view.progress}`, [
    context(`*${escape(view.pupil.label)}*`),
    section(`*${escape(view.title)}*\n${escape(view.about)}`),
    ...(view.headline ? [section(`:white_check_mark: ${escape(view.headline)}`)] : []),
    context(escape(view.progress)),
    ...view.items.map((item): KnownBlock => section(`${item.done ? ':white_check_mark:' : ':white_large_square:'} ${escape(item.title)}`, item.action ? button(item.action) : undefined)),
    section(`*${escape(view.blocking)}*`),
    ...actionBlocks(view.actions),
  ]);
}
