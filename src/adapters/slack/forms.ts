import type { types, ViewStateValue } from '@slack/bolt';
import type { DecisionName } from '../../core/decisions/index.ts';
import { CONCERN_CATEGORIES, END_REASONS, REVIEW_OUTCOMES } from '../../core/placement/events.ts';
import { PLACEMENT_KINDS, SESSIONS, WEEKDAYS, type Placement } from '../../core/placement/placement.ts';

// Temporary Block Kit for the modals, until src/adapters/slack/blocks lands; createSlack reaches
// them only through FORMS and modalView.

type KnownBlock = types.KnownBlock;
type StateValues = Record<string, Record<string, ViewStateValue>>;

/** What a modal was opened about, carried through Slack in `private_metadata`. */
export interface FormMeta {
  placementId?: string;
  version?: number;
  obligation?: string;
  /** The message the modal was opened from, updated once the decision is recorded. */
  origin?: { channel: string; ts: string };
}

export interface Form {
  title: string;
  submit: string;
  /** Block ids are the decision input's field paths, so a refusal's `field: reason` lands beside its field. */
  blocks(placement: Placement | undefined): KnownBlock[];
  input(values: StateValues, meta: FormMeta): unknown;
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
const multiField = (blockId: string, label: string, values: readonly string[], optional = false) =>
  input(blockId, label, { type: 'multi_static_select', action_id: ACTION, options: values.map((v) => option(v)) }, optional);
const dateField = (blockId: string, label: string, optional = false) => input(blockId, label, { type: 'datepicker', action_id: ACTION }, optional);
const checkField = (blockId: string, label: string, options: { value: string; text: string }[], optional = true) =>
  input(blockId, label, { type: 'checkboxes', action_id: ACTION, options: options.map((o) => option(o.value, o.text)) }, optional);

function about(placement: Placement | undefined): KnownBlock[] {
  if (!placement) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Pupil *${placement.pupil.ref}* (${placement.pupil.initials}) · ${words(placement.kind)} · ${placement.id}` }] }];
}

function read(values: StateValues, blockId: string): ViewStateValue | undefined {
  return values[blockId]?.[ACTION];
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
const REVIEW_ATTENDEES = ['pupil', 'parents', 'provider', 'ap_lead', 'headteacher', 'dsl', 'senco', 'social_worker', 'local_authority', 'virtual_school'] as const;
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
      return {
        kind: one(values, 'kind'),
        pupil: {
          ref: one(values, 'pupil.ref')?.trim().toUpperCase(),
          initials: one(values, 'pupil.initials')?.trim().toUpperCase(),
          ...Object.fromEntries(PUPIL_FLAGS.map((f) => [f.value, flags.has(f.value)])),
        },
        start: one(values, 'start'),
        end: one(values, 'end'),
        provider: provider ? { id: provider.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: provider.trim() } : undefined,
        objectives: (one(values, 'objectives') ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
      };
    },
  },
  recordReview: {
    title: 'Placement review',
    submit: 'Record review',
    blocks: (placement) => [
      ...about(placement),
      dateField('on', 'Held on (leave empty for today)', true),
      multiField('attendees', 'Who took part', REVIEW_ATTENDEES),
      textField('progress', 'Progress against the objectives', { multiline: true, max: 2000 }),
      textField('pupilView', "The pupil's view", { multiline: true, optional: true, max: 2000 }),
      textField('parentView', "The parents' view", { multiline: true, optional: true, max: 2000 }),
      selectField('outcome', 'Outcome', REVIEW_OUTCOMES),
      dateField('nextReviewOn', 'Next review', true),
    ],
    input: (values) => ({
      on: one(values, 'on'),
      attendees: many(values, 'attendees'),
      progress: one(values, 'progress') ?? '',
      pupilView: one(values, 'pupilView'),
      parentView: one(values, 'parentView'),
      outcome: one(values, 'outcome'),
      nextReviewOn: one(values, 'nextReviewOn'),
    }),
  },
  logConcern: {
    title: 'Log a concern',
    submit: 'Send to the DSL',
    blocks: (placement) => [
      ...about(placement),
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'What you write goes to the designated safeguarding lead only.' }] },
      selectField('category', 'Kind of concern', CONCERN_CATEGORIES),
      textField('details', 'What happened', { multiline: true, max: 3000 }),
      dateField('on', 'When (leave empty for today)', true),
    ],
    input: (values) => ({ category: one(values, 'category'), details: one(values, 'details') ?? '', on: one(values, 'on') }),
  },
  endPlacement: {
    title: 'End placement',
    submit: 'End placement',
    blocks: (placement) => [
      ...about(placement),
      selectField('reason', 'Why it ends', END_REASONS),
      dateField('on', 'Last day (leave empty for today)', true),
      textField('destination', 'Where the pupil goes next', { optional: true, max: 2000 }),
      textField('achievements', 'What the pupil achieved', { multiline: true, optional: true, max: 2000 }),
      textField('pupilView', "The pupil's view", { multiline: true, optional: true, max: 2000 }),
    ],
    input: (values) => ({
      reason: one(values, 'reason'),
      on: one(values, 'on'),
      destination: one(values, 'destination'),
      achievements: one(values, 'achievements'),
      pupilView: one(values, 'pupilView'),
    }),
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
      return {
        pupil: { ref: one(values, 'pupil.ref')?.trim().toUpperCase(), initials: one(values, 'pupil.initials')?.trim().toUpperCase() },
        reason: one(values, 'reason') ?? '',
        timetable: Object.fromEntries(WEEKDAYS.map((day) => [day, SESSIONS.filter((s) => picked.includes(`${day}.${s}`))])),
        start: one(values, 'start'),
        end: one(values, 'end'),
      };
    },
  },
  declinePartTimeTimetable: {
    title: 'Decline timetable',
    submit: 'Decline',
    blocks: (placement) => [...about(placement), textField('reason', 'Why you decline it', { multiline: true, max: 1000 })],
    input: (values) => ({ reason: one(values, 'reason') ?? '' }),
  },
  snoozeNudge: {
    title: 'Snooze reminder',
    submit: 'Snooze',
    blocks: (placement) => [...about(placement), dateField('until', 'Remind me again on'), textField('reason', 'Why', { max: 500 })],
    input: (values, meta) => ({ obligation: meta.obligation, until: one(values, 'until'), reason: one(values, 'reason') ?? '' }),
  },
};

export function modalView(decision: DecisionName, form: Form, placement: Placement | undefined, meta: FormMeta): types.ModalView {
  return {
    type: 'modal',
    callback_id: decision,
    title: plain(form.title),
    submit: plain(form.submit),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(meta),
    blocks: form.blocks(placement),
  };
}

/** The input blocks of a modal, first to last: where a refusal's lines can be shown. */
export function inputBlockIds(form: Form, placement: Placement | undefined): string[] {
  return form.blocks(placement).flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
}
