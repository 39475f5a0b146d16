import { statusAnswer } from '../../../app/statusAnswer.ts';
import { registerLinkBlocks } from '../blocks/registerLink.ts';
import { openPlacementsMessage, summaryMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

export async function status({ ctx, who, command, reply }: CommandRun<{ name: 'status'; ref?: string }>): Promise<void> {
  const now = ctx.clock.now();
  const answer = await statusAnswer(ctx.stores, who, command.ref, now, ctx.registerLink);
  const message = answer.kind === 'list' ? openPlacementsMessage(answer.list, who.actor) : summaryMessage(answer.placement, who.school, now, who.actor, 0, answer.all);
  await reply({ ...message, blocks: [...message.blocks, ...registerLinkBlocks(answer.link)] });
}
