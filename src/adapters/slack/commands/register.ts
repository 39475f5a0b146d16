import { registerLinkFor } from '../../../app/registerLink.ts';
import { registerLinkMessage } from '../blocks/registerLink.ts';
import type { CommandRun } from './index.ts';

/** `/ap register`: the person's own signed link to the register. */
export async function register({ ctx, who, reply }: CommandRun): Promise<void> {
  await reply(registerLinkMessage(registerLinkFor(who.school, who.actor, ctx.registerLink)));
}
