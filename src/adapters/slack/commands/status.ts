import { openPlacements, placementForPupil } from '../../../app/queries.ts';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import { actingRole } from '../../../core/permissions.ts';
import { openPlacementsMessage, summaryMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

export async function status({ ctx, who, command, reply }: CommandRun<{ name: 'status'; ref?: string }>): Promise<void> {
  if (actingRole(who.actor.roles, 'readPlacement', who.school.config.permissions) === null)
    throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to see placements. Try `/ap due` for what is yours to do.');
  const now = ctx.clock.now();
  if (command.ref === undefined) return reply(openPlacementsMessage(await openPlacements(ctx.stores, who.school, now)));
  await reply(summaryMessage(await placementForPupil(ctx.stores, who.school, command.ref), who.school, now, who.actor));
}
