import { staffOrStranger } from '../../app/guards.ts';
import type { Identified, PlatformIdentity } from '../../app/identity.ts';
import { staffHere } from '../../app/schoolChoice.ts';
import type { SlackContext } from './context.ts';

/**
 * The member of staff behind a Slack user, in the school this conversation (a channel, or nowhere in
 * particular for a modal or App Home) is about; what to tell them instead when they are on the staff
 * of two schools and have not said which (or just did, with `/ap school <name>`); or undefined once
 * the app has audited the refusal.
 */
export async function staffBehind(
  ctx: SlackContext,
  userId: string,
  teamId: string | undefined,
  what: string,
  where: { conversationId?: string | undefined; text?: string } = {},
): Promise<Identified | { answer: string } | undefined> {
  const identity: PlatformIdentity = { platform: 'slack', userId, teamId };
  const now = ctx.clock.now();
  const here = await staffHere(ctx.schools, ctx.stores.conversations, identity, { id: where.conversationId, commandPrefix: '/ap ' }, where.text, now);
  if (here.kind === 'staff') return here.who;
  if (here.kind === 'answer') return { answer: here.text };
  return staffOrStranger({ ...ctx, now }, identity, what);
}
