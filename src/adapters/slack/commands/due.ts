import { dueFor } from '../../../app/queries.ts';
import { dueMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

export async function due({ ctx, who, reply }: CommandRun): Promise<void> {
  const now = ctx.clock.now();
  await reply(dueMessage(await dueFor(ctx.stores, who.school, who.actor, now), who.school, now, who.actor));
}
