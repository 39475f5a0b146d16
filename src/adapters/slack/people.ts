import { staffOrStranger } from '../../app/guards.ts';
import type { Identified } from '../../app/identity.ts';
import type { SlackContext } from './context.ts';

/** The member of staff behind a Slack user, or undefined once the app has audited the refusal. */
export function staffBehind(ctx: SlackContext, userId: string, teamId: string | undefined, what: string): Promise<Identified | undefined> {
  return staffOrStranger({ ...ctx, now: ctx.clock.now() }, { platform: 'slack', userId, teamId }, what);
}
