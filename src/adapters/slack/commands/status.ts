import { openPlacements, pupilRecord } from '../../../app/queries.ts';
import { mayReadPlacements } from '../../../app/guards.ts';
import { openPlacementsMessage, summaryMessage } from '../render.ts';
import type { CommandRun } from './index.ts';
import { chronologyLinkFor, registerLinkFor } from '../../../app/registerLink.ts';
import { registerLinkBlocks } from '../blocks/registerLink.ts';

export async function status({ ctx, who, command, reply }: CommandRun<{ name: 'status'; ref?: string }>): Promise<void> {
  mayReadPlacements(who);
  const now = ctx.clock.now();
  if (command.ref === undefined) {
    const list = openPlacementsMessage(await openPlacements(ctx.stores, who.school, now), who.actor);
    return reply({ ...list, blocks: [...list.blocks, ...registerLinkBlocks(registerLinkFor(who.school, who.actor, ctx.registerLink))] });
  }
  const { placement, all } = await pupilRecord(ctx.stores, who.school, command.ref);
  const summary = summaryMessage(placement, who.school, now, who.actor, 0, all);
  await reply({ ...summary, blocks: [...summary.blocks, ...registerLinkBlocks(chronologyLinkFor(who.school, who.actor, placement.pupil.ref, ctx.registerLink))] });
}
