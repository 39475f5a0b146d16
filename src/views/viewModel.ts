import type { Actor } from '../core/decisions/decision.ts';
import type { Verb } from './registry.ts';

/** Who is looking at a card: what they may see and do depends on it. */
export type Viewer = Actor;

/** A value a card sends back as part of a decision's input, fixed when the card is made. */
export type InputValue = string | number | boolean;

/** What every action carries back, on every platform. */
export interface ActionPayload {
  /** Unique within the card, stable for the same card: the idempotency key is this plus the user. */
  actionId: string;
  placementId: string | null;
  /** The placement's version the card showed; a later one makes the action stale. */
  version: number | null;
  /** Part of the decision's input fixed by the card (an obligation key, a session, a mark). */
  input: Record<string, InputValue>;
  /** On a list of many items: the obligation of the item the button sits on, so an out-of-date press answers for that item alone. */
  item?: string;
}

export type FieldKind = 'text' | 'longText' | 'date' | 'choice' | 'multiChoice';

/** One thing a person types or picks; `id` is the decision input's field name. */
export interface FormField {
  id: string;
  /** Unique in the card: `<verb>.<id>`, so two small forms on one card never share an input. */
  inputId: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options: { value: string; title: string }[];
  value: string | null;
  maxLength: number | null;
  placeholder: string | null;
  /** Shown by the client when a required field is left empty. */
  errorMessage: string;
}

export interface ViewAction {
  verb: Verb;
  title: string;
  style: 'default' | 'positive' | 'destructive';
  payload: ActionPayload;
  /** Asked for before the action goes (a snooze's date and reason); empty when one press is enough. */
  fields: FormField[];
  /** The button that sends the fields. */
  submitTitle: string;
}

/** How a pupil appears on any card: initials and the school's reference, never a name. */
export interface PupilLabel {
  initials: string;
  ref: string;
  /** "JS · Y9-0412" */
  label: string;
}

export interface Fact {
  title: string;
  value: string;
}

/** What every card has, so adapters can route, refresh and address it without knowing its kind. */
export interface CardBase {
  title: string;
  placementId: string | null;
  version: number | null;
  /** Staff ids who should see the card update in place once someone acts. */
  participants: string[];
  actions: ViewAction[];
}
