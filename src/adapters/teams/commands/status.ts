import { openPlacements, placementForPupil } from '../../../app/queries.ts';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import { actingRole } from '../../../core/permissions.ts';
import { placementListCard, summaryCard } from '../attachments.ts';
import type { Turn } from '../turn.ts';
import { registerLinkCard } from './register.ts';
import { registerLinkFor } from '../../../app/registerLink.ts';

/** `status [ref]`: one placement as it stands, or every open one; for those who may read placements. */
export async function status(turn: Turn, ref: string | undefined): Promise<void> {
  const { school, actor } = turn.who;
  if (!actingRole(actor.roles, 'readPlacement', school.config.permissions))
    throw new AppError(ErrorCode.NotAllowed, 'Placements are shown to the AP lead, headteacher, DSL and attendance officer. You can still log a concern: concern <pupil ref>.');
  const { stores } = turn.deps;
  if (ref === undefined) {
    const link = registerLinkCard(registerLinkFor(school, actor, turn.deps.registerLink));
    await turn.context.sendActivity({ attachments: [placementListCard(await openPlacements(stores, school, turn.now), school, actor), link] });
    return;
  }
  const placement = await placementForPupil(stores, school, ref);
  await turn.context.sendActivity({ attachments: [summaryCard(placement, school, turn.now, actor)] });
}
