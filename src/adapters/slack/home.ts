import { approvalsWaitingFor, dueIn, openPlacements } from '../../app/queries.ts';
import { mayOpenRegister, registerLinkFor } from '../../app/registerLink.ts';
import { unreachableStaffFor } from '../../app/staffReach.ts';
import { registerLinkBlocks } from './blocks/registerLink.ts';
import type { SlackContext } from './context.ts';
import { strangerReply } from '../../app/guards.ts';
import { staffBehind } from './people.ts';
import { homeView, strangerHomeView } from './render.ts';

const RECENT_DAYS = 30;
const RECENT_COUNT = 10;

/** App Home: what is due for this person, what waits for their approval, and what they decided lately. */
export async function publishHome(ctx: SlackContext, userId: string, teamId: string | undefined): Promise<void> {
  const who = await staffBehind(ctx, userId, teamId, 'App Home visit');
  if (!who || 'answer' in who) {
    await ctx.client.views.publish({ user_id: userId, view: strangerHomeView(who ? who.answer : strangerReply('slack')) });
    return;
  }
  const now = ctx.clock.now();
  const [open, decided] = await Promise.all([
    openPlacements(ctx.stores, who.school, now),
    ctx.stores.audit.list(who.school.id, { actor: who.staff.id, since: new Date(now.getTime() - RECENT_DAYS * 86_400_000) }),
  ]);
  const due = dueIn(open, who.school, who.actor);
  const approvals = approvalsWaitingFor(open, who.actor);
  const recent = decided.filter((e) => e.outcome === 'recorded').slice(-RECENT_COUNT).reverse();
  const unreachable = await unreachableStaffFor(who, ctx.stores.conversations, { teams: true, slack: true });
  const home = homeView(due, approvals, recent, who.school, now, who.actor, unreachable);
  // Opening Home again makes a fresh link: each lasts 15 minutes.
  const register = mayOpenRegister(who.school, who.actor) ? registerLinkBlocks(registerLinkFor(who.school, who.actor, ctx.registerLink)) : [];
  await ctx.client.views.publish({ user_id: userId, view: { ...home, blocks: [...register, ...home.blocks].slice(0, 100) } });
}
