import { placementForPupil } from '../../../app/queries.ts';
import type { DecisionName } from '../../../core/decisions/index.ts';
import { openForm } from '../openForm.ts';
import type { CommandRun } from './index.ts';

/** `/ap new`, `/ap review <ref>`, …: the decision's modal, about the pupil's open placement when one is named. */
export function formFor(decision: DecisionName) {
  return async ({ ctx, who, command, triggerId }: CommandRun): Promise<void> => {
    const placement = 'ref' in command && command.ref !== undefined ? await placementForPupil(ctx.stores, who.school, command.ref) : undefined;
    await openForm(ctx, who, triggerId, decision, placement);
  };
}
