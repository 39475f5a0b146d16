import { statusAnswer } from '../../../app/statusAnswer.ts';
import { placementListCard, summaryCard } from '../attachments.ts';
import type { Turn } from '../turn.ts';
import { registerLinkCard } from './register.ts';

/** `status [ref]`: one pupil's record as it stands, or every open placement; for those who may read placements. */
export async function status(turn: Turn, ref: string | undefined): Promise<void> {
  const { school, actor } = turn.who;
  const answer = await statusAnswer(turn.deps.stores, turn.who, ref, turn.now, turn.deps.registerLink);
  const card = answer.kind === 'list' ? placementListCard(answer.list, school, actor) : summaryCard(answer.placement, school, turn.now, actor, { all: answer.all });
  await turn.context.sendActivity({ attachments: [card, registerLinkCard(answer.link)] });
}
