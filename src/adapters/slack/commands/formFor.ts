import { placementForPupil } from '../../../app/queries.ts';
import type { DecisionName } from '../../../core/decisions/index.ts';
import type { ViewVerb } from '../../../views/verbs.ts';
import { FORMS, modalView } from '../forms.ts';
import { openModal } from '../openForm.ts';
import { placementFormModal } from '../render.ts';
import type { CommandRun } from './index.ts';

/** `/ap new`, `/ap ptt propose`: a modal that creates a placement. */
export function newPlacementForm(decision: 'commissionPlacement' | 'proposePartTimeTimetable') {
  return async ({ ctx, who, triggerId }: CommandRun): Promise<void> => {
    const form = FORMS[decision];
    if (form) await openModal(ctx, who, triggerId, decision, () => modalView(decision, form));
  };
}

/** `/ap review <ref>`, `/ap concern <ref>`, `/ap end <ref>`: the form for the pupil's open placement. */
export function placementForm(verb: ViewVerb, decision: DecisionName) {
  return async ({ ctx, who, command, triggerId }: CommandRun): Promise<void> => {
    if (!('ref' in command) || command.ref === undefined) return;
    const placement = await placementForPupil(ctx.stores, who.school, command.ref);
    await openModal(ctx, who, triggerId, decision, () => placementFormModal(verb, placement, who.school, ctx.clock.now(), who.actor)!);
  };
}
