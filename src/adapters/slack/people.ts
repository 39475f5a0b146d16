import { auditIdOf, type Identified, type PlatformIdentity } from '../../app/identity.ts';
import { staffHere } from '../../app/schoolChoice.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { actingRole } from '../../core/permissions.ts';
import type { SlackContext } from './context.ts';

/**
 * The member of staff behind a Slack user, in the school this conversation (a channel, or nowhere in
 * particular for a modal or App Home) is about; what to tell them instead when they are on the staff
 * of two schools and have not said which (or just did, with `/ap school <name>`); or undefined after
 * auditing the refusal (demo mode too) in each school the workspace could belong to.
 */
export async function staffBehind(ctx: SlackContext, userId: string, teamId: string | undefined, conversationId?: string, text?: string): Promise<Identified | { answer: string } | undefined> {
  const who: PlatformIdentity = { platform: 'slack', userId, teamId };
  const found = await staffHere(ctx.schools, ctx.stores.conversations, who, { id: conversationId, commandPrefix: '/ap ' }, text, ctx.clock.now());
  if (found.kind === 'staff') return found.who;
  if (found.kind === 'answer') return { answer: found.text };
  const inTeam = ctx.schools.filter((s) => s.config.school.slackTeamId !== undefined && s.config.school.slackTeamId === teamId);
  const now = ctx.clock.now();
  for (const school of inTeam.length > 0 ? inTeam : ctx.schools)
    await ctx.stores.audit.append({
      schoolId: school.id,
      at: now,
      actor: auditIdOf(who),
      role: null,
      action: 'refused:unknown_user',
      placementId: null,
      idempotencyKey: null,
      outcome: 'refused',
      summary: 'A Slack user who is not on the staff list tried to use the bot',
    });
  ctx.log.warn({ component: 'slack', actor: auditIdOf(who) }, 'refused an unknown Slack user');
  return undefined;
}

export const UNKNOWN_USER =
  "Sorry, I don't recognise you as a member of staff at this school, so I can't help with that. Ask your AP lead to add your Slack account to the staff list.";

/** Placements are shown to the roles that may read them; anyone else is told so. */
export function mayReadPlacements(who: Identified): void {
  if (actingRole(who.actor.roles, 'readPlacement', who.school.config.permissions) === null)
    throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to see placements. Try `/ap due` for what is yours to do.');
}
