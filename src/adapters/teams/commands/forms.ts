import { formForCommand, type Command } from '../../../app/commands.ts';
import { cardAttachment } from '../attachments.ts';
import type { Turn } from '../turn.ts';

/** `new`, `ptt propose`, `review <ref>`, `concern <ref>`, `end <ref>`: the form the command opens. */
export async function form(turn: Turn, command: Extract<Command, { name: 'new' | 'ptt propose' | 'review' | 'concern' | 'end' }>): Promise<void> {
  const view = await formForCommand(turn.deps.stores, turn.who, command, turn.now);
  await turn.context.sendActivity({ attachments: [cardAttachment(view, turn.who.school)] });
}
