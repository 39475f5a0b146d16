import { placementForPupil } from '../../../app/queries.ts';
import type { DecisionName } from '../../../core/decisions/index.ts';
import { formCard } from '../attachments.ts';
import type { Turn } from '../turn.ts';

/** `review <ref>`, `concern <ref>`, `end <ref>`: the decision's form for the pupil's open placement. */
export async function formForPupil(turn: Turn, decision: DecisionName, ref: string): Promise<void> {
  const placement = await placementForPupil(turn.deps.stores, turn.who.school, ref);
  await turn.context.sendActivity({ attachments: [formCard(decision, placement)] });
}

/** `new`, `ptt propose`: the form for a decision that creates a placement. */
export async function formForNew(turn: Turn, decision: DecisionName): Promise<void> {
  await turn.context.sendActivity({ attachments: [formCard(decision, undefined)] });
}
