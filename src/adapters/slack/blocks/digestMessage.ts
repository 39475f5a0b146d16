import type { DigestView } from '../../../views/digest.ts';
import { actionBlocks, context, escape, header, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

/** Ten items a page; "show 10 more" asks for the next page instead of breaking the message. */
export function digestMessage(view: DigestView): SlackMessage {
  const items = view.items.flatMap((item, i): KnownBlock[] => [
    section(`*${escape(item.text)}*\n${item.late ? ':red_circle:' : ':large_blue_circle:'} ${escape(item.stageLabel)} · ${escape(item.due)}`),
    ...actionBlocks(item.actions, `digest:item:${i}`),
  ]);
  return message(view.title, [
    header(view.title),
    context(escape(view.intro)),
    { type: 'divider' },
    ...items,
    ...(view.shown ? [context(escape(view.shown))] : []),
    ...(view.more ? actionBlocks([view.more], 'digest:more') : []),
  ]);
}
