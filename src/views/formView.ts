import type { DecisionName } from '../core/decisions/index.ts';
import type { Placement } from '../core/placement/placement.ts';
import { placementAction, type FieldSpec } from './actions.ts';
import { pupilLabel } from './names.ts';
import type { CardBase, FormField, PupilLabel, ViewAction } from './viewModel.ts';

export const FORM_CARDS = ['reviewForm', 'concernForm', 'endPlacementForm', 'newPlacementForm', 'timetableProposalForm'] as const;
export type FormCard = (typeof FORM_CARDS)[number];

export function isFormView(view: { card: string }): view is FormView {
  return (FORM_CARDS as readonly string[]).includes(view.card);
}

/** A decision form: its fields are exactly the decision's input fields. */
export interface FormView extends CardBase {
  card: FormCard;
  /** The pupil it is about; none yet on a form that creates a placement. */
  pupil: PupilLabel | null;
  intro: string;
  /** Why the form came back instead of going through, one line per problem; empty when it is new. */
  problems: string[];
  fields: FormField[];
  submit: ViewAction;
}

export function formView(
  card: FormCard,
  decision: DecisionName,
  placement: Placement | null,
  spec: { title: string; intro: string; submitTitle: string; fields: FieldSpec[]; participants: string[]; cardId?: string },
): FormView {
  const submit = placementAction(placement, { verb: decision, title: spec.submitTitle, style: 'positive', fields: spec.fields, ...(spec.cardId ? { variant: spec.cardId } : {}) });
  return {
    card,
    title: spec.title,
    pupil: placement ? pupilLabel(placement) : null,
    intro: spec.intro,
    problems: [],
    fields: submit.fields,
    submit,
    placementId: placement?.id ?? null,
    version: placement?.version ?? null,
    participants: spec.participants,
    actions: [submit],
  };
}

/**
 * The form again after it was refused: what was typed kept in every field (by field id), and the
 * problems at the top, so nobody types it twice.
 */
export function refilled(view: FormView, typed: Readonly<Record<string, string | readonly string[]>>, problems: readonly string[]): FormView {
  const fields = view.fields.map((f) => {
    const value = typed[f.id];
    if (value === undefined) return f;
    return { ...f, value: Array.isArray(value) ? value.join(',') : (value as string) };
  });
  const submit = { ...view.submit, fields };
  return { ...view, fields, submit, actions: [submit], problems: [...problems] };
}
