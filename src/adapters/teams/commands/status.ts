import { openPlacements, pupilRecord } from '../../../app/queries.ts';
import { mayReadPlacements } from '../../../app/guards.ts';
import { placementListCard, summaryCard } from '../attachments.ts';
import type { Turn } from '../turn.ts';
import { registerLinkCard } from './register.ts';
import { chronologyLinkFor, registerLinkFor } from '../../../app/registerLink.ts';

/** `status [ref]`: one placement as it stands, or every open one; for those who may read placements. */
export async function status(turn: Turn, ref: string | undefined): Promise<void> {
  const { school, actor } = turn.who;
  mayReadPlacements(turn.who);
  const { stores } = turn.deps;
  if (ref === undefined) {
    const link = registerLinkCard(registerLinkFor(school, actor, turn.deps.registerLink));
    await turn.context.sendActivity({ attachments: [placementListCard(await openPlacements(stores, school, turn.now), school, actor), link] });
    return;
  }
  const { placement, all } = await pupilRecord(stores, school, ref);
  const chronology = registerLinkCard(chronologyLinkFor(school, actor, placement.pupil.ref, turn.deps.registerLink));
  await turn.context.sendActivity({ attachments: [summaryCard(placement, school, turn.now, actor, { all }), chronology] });
}
