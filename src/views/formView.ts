import type { Placement } from '../core/placement/placement.ts';
import { placementAction, type FieldSpec } from './actions.ts';
import { pupilLabel } from './names.ts';
import type { DecisionName } from '../core/decisions/index.ts';
import type { CardBase, FormField, PupilLabel, ViewAction } from './viewModel.ts';

/** A decision form: its fields are exactly the decision's input fields. */
export interface FormView extends CardBase {
  card: 'reviewForm' | 'concernForm' | 'endPlacementForm';
  pupil: PupilLabel;
  intro: string;
  fields: FormField[];
  submit: ViewAction;
}

export function formView(
  card: FormView['card'],
  decision: DecisionName,
  placement: Placement,
  spec: { title: string; intro: string; submitTitle: string; fields: FieldSpec[]; participants: string[] },
): FormView {
  const submit = placementAction(placement, { verb: decision, title: spec.submitTitle, style: 'positive', fields: spec.fields });
  return {
    card,
    title: spec.title,
    pupil: pupilLabel(placement),
    intro: spec.intro,
    fields: submit.fields,
    submit,
    placementId: placement.id,
    version: placement.version,
    participants: spec.participants,
    actions: [submit],
  };
}
