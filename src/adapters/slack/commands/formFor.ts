import { formForCommand, type Command } from '../../../app/commands.ts';
import { formModalOf } from '../render.ts';
import type { CommandRun } from './index.ts';

/**
 * `/ap new`, `/ap ptt propose`, `/ap review <ref>`, `/ap concern <ref>`, `/ap end <ref>`: the
 * form the command opens, as a modal. Opened straight after the ack: a trigger id lasts three seconds.
 */
export async function formFor({ ctx, who, command, triggerId }: CommandRun<Extract<Command, { name: 'new' | 'ptt propose' | 'review' | 'concern' | 'end' }>>): Promise<void> {
  const view = await formForCommand(ctx.stores, who, command, ctx.clock.now());
  await ctx.client.views.open({ trigger_id: triggerId, view: formModalOf(view) });
}
