import type { DecisionName } from '../../core/decisions/index.ts';
import { PLACEMENT_KINDS, SESSIONS, WEEKDAYS } from '../../core/placement/placement.ts';

// The two forms no shared view covers yet: commissioning a placement (`new`) and proposing a
// part-time timetable (`ptt propose`). Their inputs are named `<verb>.<field>`, as the views' are.

export type FieldKind = 'text' | 'longText' | 'lines' | 'date' | 'choice' | 'toggle' | 'timetable';

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

const TIMETABLE_SLOTS = WEEKDAYS.flatMap((day) => SESSIONS.map((session) => `${day}.${session}`));
const pupilFields: Field[] = [
  { id: 'pupil.ref', label: 'Pupil reference', kind: 'text', max: 32 },
  { id: 'pupil.initials', label: 'Pupil initials', kind: 'text', max: 4 },
];

/** The forms, by the decision each records (the decision's name is the submit button's verb). */
export const FORMS: Partial<Record<DecisionName, Form>> = {
  commissionPlacement: {
    title: 'Commission a placement',
    submit: 'Commission',
    fields: [
      { id: 'kind', label: 'Kind of placement', kind: 'choice', choices: PLACEMENT_KINDS.filter((k) => k !== 'part_time_timetable') },
      ...pupilFields,
      { id: 'pupil.ehcp', label: 'Has an EHCP', kind: 'toggle', optional: true },
      { id: 'pupil.lookedAfter', label: 'Looked after', kind: 'toggle', optional: true },
      { id: 'pupil.socialWorker', label: 'Has a social worker', kind: 'toggle', optional: true },
      { id: 'pupil.send', label: 'SEND support', kind: 'toggle', optional: true },
      { id: 'pupil.freeSchoolMeals', label: 'Free school meals', kind: 'toggle', optional: true },
      { id: 'start', label: 'Starts', kind: 'date' },
      { id: 'end', label: 'Planned end', kind: 'date', optional: true },
      { id: 'provider.name', label: 'Provider (off-site placements)', kind: 'text', optional: true, max: 200 },
      { id: 'provider.id', label: 'Provider reference, if the school has one', kind: 'text', optional: true, max: 64 },
      { id: 'objectives', label: 'Objectives, one a line', kind: 'lines', optional: true, max: 3000 },
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
};

/** Teams sends a multi-select's picks as one comma-joined string. */
export function timetableOf(picked: string): Record<string, string[]> {
  const slots = new Set(picked.split(','));
  return Object.fromEntries(WEEKDAYS.map((day) => [day, SESSIONS.filter((s) => slots.has(`${day}.${s}`))]));
}
