import { placementForPupil } from '../../../app/queries.ts';
import type { DecisionName } from '../../../core/decisions/index.ts';
import { FORM_OF, formCard } from '../attachments.ts';
import { newPlacementFormCard } from '../standInCards.ts';
import type { Turn } from '../turn.ts';

/** `review <ref>`, `concern <ref>`, `end <ref>`: the decision's form for the pupil's open placement. */
export async function formForPupil(turn: Turn, decision: 'recordReview' | 'logConcern' | 'endPlacement', ref: string): Promise<void> {
  const { school, actor } = turn.who;
  const form = FORM_OF[decision as DecisionName];
  if (!form) throw new Error(`no form for ${decision}`);
  const placement = await placementForPupil(turn.deps.stores, school, ref);
  await turn.context.sendActivity({ attachments: [formCard(form, placement, school, turn.now, actor)] });
}

/** `new`, `ptt propose`: the form for a decision that creates a placement. */
export async function formForNew(turn: Turn, decision: 'commissionPlacement' | 'proposePartTimeTimetable'): Promise<void> {
  await turn.context.sendActivity({ attachments: [newPlacementFormCard(decision)] });
}
