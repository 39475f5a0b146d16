import { dueFor } from '../../../app/queries.ts';
import { dueMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

export async function due({ ctx, who, reply }: CommandRun): Promise<void> {
  await reply(dueMessage(await dueFor(ctx.stores, who.school, who.actor, ctx.clock.now())));
}
