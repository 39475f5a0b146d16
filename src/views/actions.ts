import type { Placement } from '../core/placement/placement.ts';
import type { Verb } from './registry.ts';
import type { FieldKind, FormField, InputValue, ViewAction } from './viewModel.ts';

interface ActionSpec {
  verb: Verb;
  title: string;
  style?: ViewAction['style'];
  /** Distinguishes two actions of one verb on a card (`present`, `late`). */
  variant?: string;
  input?: Record<string, InputValue>;
  fields?: FieldSpec[];
  submitTitle?: string;
}

/** An action on a placement's card, carrying the placement's id and the version the card shows. */
export function placementAction(placement: Pick<Placement, 'id' | 'version'> | null, spec: ActionSpec): ViewAction {
  return {
    verb: spec.verb,
    title: spec.title,
    style: spec.style ?? 'default',
    payload: {
      actionId: [spec.verb, placement?.id, spec.variant].filter((part) => part !== undefined).join(':'),
      placementId: placement?.id ?? null,
      version: placement?.version ?? null,
      input: spec.input ?? {},
    },
    fields: (spec.fields ?? []).map((f) => field(spec.verb, f)),
    submitTitle: spec.submitTitle ?? spec.title,
  };
}

export interface FieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[] | readonly { value: string; title: string }[];
  value?: string;
  maxLength?: number;
  placeholder?: string;
  errorMessage?: string;
}

const optionTitle = (value: string) => {
  const words = value.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function field(verb: Verb, spec: FieldSpec): FormField {
  return {
    id: spec.id,
    inputId: `${verb}.${spec.id}`,
    label: spec.label,
    kind: spec.kind,
    required: spec.required ?? false,
    options: (spec.options ?? []).map((o) => (typeof o === 'string' ? { value: o, title: optionTitle(o) } : o)),
    value: spec.value ?? null,
    maxLength: spec.maxLength ?? null,
    placeholder: spec.placeholder ?? null,
    errorMessage: spec.errorMessage ?? `Please fill in: ${spec.label.toLowerCase()}`,
  };
}
