import type { DecisionName } from '../../core/decisions/index.ts';
import { CONCERN_CATEGORIES, END_REASONS, REVIEW_OUTCOMES } from '../../core/placement/events.ts';
import { PLACEMENT_KINDS, SESSIONS, WEEKDAYS } from '../../core/placement/placement.ts';

// Temporary form definitions, until the views (src/views) land: the inputs each decision's card
// asks for, and how the values Teams sends back become the decision's input.

export type FieldKind = 'text' | 'longText' | 'date' | 'choice' | 'multi' | 'toggle' | 'timetable';

export interface Field {
  /** The decision input's path (`pupil.ref`), so an error naming it lands beside the field. */
  id: string;
  label: string;
  kind: FieldKind;
  choices?: readonly string[];
  optional?: boolean;
  max?: number;
}

export interface Form {
  title: string;
  submit: string;
  fields: readonly Field[];
}

const REVIEW_ATTENDEES = ['pupil', 'parents', 'provider', 'ap_lead', 'headteacher', 'dsl', 'senco', 'social_worker', 'local_authority', 'virtual_school'] as const;
const TIMETABLE_SLOTS = WEEKDAYS.flatMap((day) => SESSIONS.map((session) => `${day}.${session}`));
const pupilFields: Field[] = [
  { id: 'pupil.ref', label: 'Pupil reference', kind: 'text', max: 32 },
  { id: 'pupil.initials', label: 'Pupil initials (capitals)', kind: 'text', max: 4 },
];

/** The forms, by the decision each records (the decision's name is the submit button's verb). */
export const FORMS: Partial<Record<DecisionName, Form>> = {
  recordReview: {
    title: 'Record a placement review',
    submit: 'Record review',
    fields: [
      { id: 'on', label: 'Held on', kind: 'date', optional: true },
      { id: 'attendees', label: 'Who took part', kind: 'multi', choices: REVIEW_ATTENDEES },
      { id: 'progress', label: 'Progress against the objectives', kind: 'longText', max: 2000 },
      { id: 'pupilView', label: "The pupil's view", kind: 'longText', optional: true, max: 2000 },
      { id: 'parentView', label: "The parents' view", kind: 'longText', optional: true, max: 2000 },
      { id: 'outcome', label: 'Outcome', kind: 'choice', choices: REVIEW_OUTCOMES },
      { id: 'nextReviewOn', label: 'Next review', kind: 'date', optional: true },
    ],
  },
  logConcern: {
    title: 'Log a concern (only the DSLs see what you write)',
    submit: 'Send to the DSL',
    fields: [
      { id: 'category', label: 'Kind of concern', kind: 'choice', choices: CONCERN_CATEGORIES },
      { id: 'details', label: 'What happened', kind: 'longText', max: 3000 },
      { id: 'on', label: 'When', kind: 'date', optional: true },
    ],
  },
  endPlacement: {
    title: 'End the placement',
    submit: 'End placement',
    fields: [
      { id: 'reason', label: 'Why it ends', kind: 'choice', choices: END_REASONS },
      { id: 'on', label: 'Last day', kind: 'date', optional: true },
      { id: 'destination', label: 'Where the pupil goes next', kind: 'text', optional: true, max: 2000 },
      { id: 'achievements', label: 'What the pupil achieved', kind: 'longText', optional: true, max: 2000 },
      { id: 'pupilView', label: "The pupil's own view", kind: 'longText', optional: true, max: 2000 },
    ],
  },
  commissionPlacement: {
    title: 'Commission a placement',
    submit: 'Commission',
    fields: [
      { id: 'kind', label: 'Kind of placement', kind: 'choice', choices: PLACEMENT_KINDS.filter((k) => k !== 'part_time_timetable') },
      ...pupilFields,
      { id: 'pupil.ehcp', label: 'Has an EHCP', kind: 'toggle', optional: true },
      { id: 'pupil.lookedAfter', label: 'Looked after', kind: 'toggle', optional: true },
      { id: 'pupil.socialWorker', label: 'Has a social worker', kind: 'toggle', optional: true },
      { id: 'pupil.freeSchoolMeals', label: 'Free school meals', kind: 'toggle', optional: true },
      { id: 'start', label: 'Starts', kind: 'date' },
      { id: 'end', label: 'Planned end', kind: 'date', optional: true },
      { id: 'provider.id', label: 'Provider reference (off-site)', kind: 'text', optional: true, max: 64 },
      { id: 'provider.name', label: 'Provider name (off-site)', kind: 'text', optional: true, max: 200 },
    ],
  },
  proposePartTimeTimetable: {
    title: 'Propose a part-time timetable',
    submit: 'Propose',
    fields: [
      ...pupilFields,
      { id: 'reason', label: 'Why it is needed (never to manage behaviour)', kind: 'longText', max: 1000 },
      { id: 'timetable', label: 'Sessions in school', kind: 'timetable', choices: TIMETABLE_SLOTS },
      { id: 'start', label: 'Starts', kind: 'date' },
      { id: 'end', label: 'Ends', kind: 'date' },
    ],
  },
  declinePartTimeTimetable: {
    title: 'Decline',
    submit: 'Decline',
    fields: [{ id: 'reason', label: 'Why (needed to decline)', kind: 'longText', max: 1000 }],
  },
  snoozeNudge: {
    title: 'Snooze this reminder',
    submit: 'Snooze',
    fields: [
      { id: 'until', label: 'Until', kind: 'date' },
      { id: 'reason', label: 'Why', kind: 'text', max: 500 },
    ],
  },
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : (node[part] = {});
  }
  node[parts.at(-1) ?? path] = value;
}

function read(field: Field, raw: unknown): unknown {
  // Teams sends every input as a string; anything else came from somewhere else and is passed on for the decision to refuse.
  if (typeof raw !== 'string') return raw;
  const value = raw.trim();
  if (value === '') return undefined;
  switch (field.kind) {
    case 'multi':
      return value.split(',').filter(Boolean);
    case 'toggle':
      return value === 'true';
    case 'timetable': {
      const slots = new Set(value.split(','));
      return Object.fromEntries(WEEKDAYS.map((day) => [day, SESSIONS.filter((s) => slots.has(`${day}.${s}`))]));
    }
    default:
      return raw;
  }
}

/**
 * The decision input from a card action: the values fixed on the button (`data.input`) and what
 * was typed into this decision's form. Inputs of other forms on the same card are left out.
 */
export function inputFromCard(verb: string, data: Record<string, unknown>): Record<string, unknown> {
  const fixed = data.input;
  const input: Record<string, unknown> = fixed !== null && typeof fixed === 'object' && !Array.isArray(fixed) ? { ...(fixed as Record<string, unknown>) } : {};
  for (const field of FORMS[verb as DecisionName]?.fields ?? []) {
    // The views' templates name inputs `<verb>.<field>`, so two forms on one card never collide.
    const value = read(field, data[`${verb}.${field.id}`] ?? data[field.id]);
    if (value !== undefined) setPath(input, field.id, value);
  }
  if (verb === 'proposePartTimeTimetable' && input.timetable === undefined) setPath(input, 'timetable', read({ id: 'timetable', label: '', kind: 'timetable' }, ','));
  return input;
}

/** The values typed into a form, to fill it in again when it comes back with an error. */
export function typedValues(verb: string, data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of FORMS[verb as DecisionName]?.fields ?? []) {
    const value = data[`${verb}.${field.id}`] ?? data[field.id];
    if (typeof value === 'string') values[field.id] = value.slice(0, 3000);
  }
  return values;
}
