import type { types, ViewStateValue } from '@slack/bolt';
import type { DecisionName } from '../../core/decisions/index.ts';
import { linesOf, tidyNewPlacementInput } from '../../app/newPlacementInput.ts';
import { PLACEMENT_KINDS, SESSIONS, WEEKDAYS } from '../../core/placement/placement.ts';

// The two modals no shared card view covers: commissioning a placement (`/ap new`) and proposing
// a part-time timetable (`/ap ptt propose`). Block ids are the decision input's field paths.

type KnownBlock = types.KnownBlock;
type StateValues = Record<string, Record<string, ViewStateValue>>;

export interface Form {
  title: string;
  submit: string;
  /** Block ids are the decision input's field paths, so a refusal's `field: reason` lands beside its field. */
  blocks(): KnownBlock[];
  input(values: StateValues): unknown;
}

const ACTION = 'value';
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const words = (value: string) => value.replaceAll('_', ' ');
const option = (value: string, text = words(value)) => ({ text: plain(text.charAt(0).toUpperCase() + text.slice(1)), value });

function input(blockId: string, label: string, element: types.InputBlockElement, optional = false): KnownBlock {
  return { type: 'input', block_id: blockId, label: plain(label), optional, element };
}
const textField = (blockId: string, label: string, opts: { multiline?: boolean; optional?: boolean; max?: number } = {}) =>
  input(blockId, label, { type: 'plain_text_input', action_id: ACTION, multiline: opts.multiline ?? false, ...(opts.max ? { max_length: opts.max } : {}) }, opts.optional);
const selectField = (blockId: string, label: string, values: readonly string[], optional = false) =>
  input(blockId, label, { type: 'static_select', action_id: ACTION, options: values.map((v) => option(v)) }, optional);
const dateField = (blockId: string, label: string, optional = false) => input(blockId, label, { type: 'datepicker', action_id: ACTION }, optional);
const checkField = (blockId: string, label: string, options: { value: string; text: string }[], optional = true) =>
  input(blockId, label, { type: 'checkboxes', action_id: ACTION, options: options.map((o) => option(o.value, o.text)) }, optional);

function read(values: StateValues, blockId: string): ViewStateValue | undefined {
  return Object.values(values[blockId] ?? {})[0];
}
/** A typed-in or picked value; an empty field is left out, so the decision's own defaults apply. */
function one(values: StateValues, blockId: string): string | undefined {
  const v = read(values, blockId);
  const picked = v?.value ?? v?.selected_date ?? v?.selected_option?.value ?? undefined;
  return picked === null || picked === '' ? undefined : picked;
}
function many(values: StateValues, blockId: string): string[] {
  return (read(values, blockId)?.selected_options ?? []).map((o) => o.value);
}

const PUPIL_FLAGS = [
  { value: 'ehcp', text: 'Has an EHCP' },
  { value: 'lookedAfter', text: 'Looked after' },
  { value: 'socialWorker', text: 'Has a social worker' },
  { value: 'send', text: 'SEND support' },
  { value: 'freeSchoolMeals', text: 'Free school meals' },
];
const TIMETABLE = WEEKDAYS.flatMap((day) => SESSIONS.map((s) => ({ value: `${day}.${s}`, text: `${day} ${s}` })));

/** The modals, by the decision each records (the decision's name is the modal's `callback_id`). */
export const FORMS: Partial<Record<DecisionName, Form>> = {
  commissionPlacement: {
    title: 'New placement',
    submit: 'Commission',
    blocks: () => [
      selectField('kind', 'Kind of placement', PLACEMENT_KINDS.filter((k) => k !== 'part_time_timetable')),
      textField('pupil.ref', 'Pupil reference', { max: 32 }),
      textField('pupil.initials', 'Pupil initials', { max: 4 }),
      checkField('pupil.flags', 'About the pupil', PUPIL_FLAGS),
      dateField('start', 'Starts'),
      dateField('end', 'Planned end', true),
      textField('provider.name', 'Provider (off-site placements)', { optional: true, max: 200 }),
      textField('objectives', 'Objectives, one a line', { multiline: true, optional: true, max: 3000 }),
    ],
    input(values) {
      const flags = new Set(many(values, 'pupil.flags'));
      const provider = one(values, 'provider.name');
      return tidyNewPlacementInput({
        kind: one(values, 'kind'),
        pupil: { ref: one(values, 'pupil.ref'), initials: one(values, 'pupil.initials'), ...Object.fromEntries(PUPIL_FLAGS.map((f) => [f.value, flags.has(f.value)])) },
        start: one(values, 'start'),
        end: one(values, 'end'),
        provider: provider ? { name: provider } : undefined,
        objectives: linesOf(one(values, 'objectives')),
      });
    },
  },
  proposePartTimeTimetable: {
    title: 'Part-time timetable',
    submit: 'Propose',
    blocks: () => [
      textField('pupil.ref', 'Pupil reference', { max: 32 }),
      textField('pupil.initials', 'Pupil initials', { max: 4 }),
      textField('reason', 'Why a part-time timetable is needed', { multiline: true, max: 1000 }),
      checkField('timetable', 'Sessions the pupil attends', TIMETABLE, false),
      dateField('start', 'Starts'),
      dateField('end', 'Ends'),
    ],
    input(values) {
      const picked = many(values, 'timetable');
      return tidyNewPlacementInput({
        pupil: { ref: one(values, 'pupil.ref'), initials: one(values, 'pupil.initials') },
        reason: one(values, 'reason') ?? '',
        timetable: Object.fromEntries(WEEKDAYS.map((day) => [day, SESSIONS.filter((s) => picked.includes(`${day}.${s}`))])),
        start: one(values, 'start'),
        end: one(values, 'end'),
      });
    },
  },
};

export function modalView(decision: DecisionName, form: Form): types.ModalView {
  return {
    type: 'modal',
    callback_id: decision,
    title: plain(form.title),
    submit: plain(form.submit),
    close: plain('Cancel'),
    private_metadata: '{}',
    blocks: form.blocks(),
  };
}

/**
 * A shared-view modal's fields as the decision's input: block ids are the input's field names.
 * Empty fields are left out, so the decision's defaults apply.
 */
export function fieldValues(values: StateValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(values).flatMap((blockId): [string, unknown][] => {
      const v = read(values, blockId);
      if (v?.selected_options) return [[blockId, v.selected_options.map((o) => o.value)]];
      const value = one(values, blockId);
      return value === undefined ? [] : [[blockId, value]];
    }),
  );
}
