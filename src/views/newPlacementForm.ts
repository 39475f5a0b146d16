import { PLACEMENT_KINDS, SESSIONS, WEEKDAYS } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { FieldSpec } from './actions.ts';
import { formView, type FormView } from './formView.ts';
import { kindName } from './names.ts';
import type { Viewer } from './viewModel.ts';

/** What the school records about the pupil, ticked on the form; each is the pupil's own yes/no field. */
export const PUPIL_FLAGS = [
  { value: 'ehcp', title: 'Has an EHCP' },
  { value: 'lookedAfter', title: 'Looked after' },
  { value: 'socialWorker', title: 'Has a social worker' },
  { value: 'send', title: 'SEND support' },
  { value: 'freeSchoolMeals', title: 'Free school meals' },
] as const;

const DAY_TITLES: Record<(typeof WEEKDAYS)[number], string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri' };
const SESSION_TITLES: Record<(typeof SESSIONS)[number], string> = { am: 'morning', pm: 'afternoon' };

/** "Mon morning", "Mon afternoon", … ; the value (`mon.am`) is only ever read back, never shown. */
export const TIMETABLE_SLOTS = WEEKDAYS.flatMap((day) => SESSIONS.map((session) => ({ value: `${day}.${session}`, title: `${DAY_TITLES[day]} ${SESSION_TITLES[session]}` })));

const pupilFields: FieldSpec[] = [
  { id: 'pupil.ref', label: 'Pupil reference', kind: 'text', required: true, maxLength: 32, placeholder: 'Y9-0412', errorMessage: 'Give the pupil’s reference' },
  { id: 'pupil.initials', label: 'Pupil initials', kind: 'text', required: true, maxLength: 4, errorMessage: 'Give the pupil’s initials' },
];

/**
 * `new`: commissioning a placement. A fresh `cardId` per form, so the same form sent twice records
 * once while two forms are two placements.
 */
export function newPlacementForm(_school: School, _now: Date, _viewer: Viewer, cardId: string): FormView {
  return formView('newPlacementForm', 'commissionPlacement', null, {
    title: 'New placement',
    intro: 'Pupils are known here by reference and initials only. The checklist for before it starts comes next.',
    submitTitle: 'Commission',
    participants: [],
    cardId,
    fields: [
      {
        id: 'kind',
        label: 'Kind of placement',
        kind: 'choice',
        required: true,
        options: PLACEMENT_KINDS.filter((k) => k !== 'part_time_timetable').map((k) => ({ value: k, title: kindName(k) })),
        errorMessage: 'Pick the kind of placement',
      },
      ...pupilFields,
      { id: 'pupil.flags', label: 'About the pupil', kind: 'multiChoice', options: PUPIL_FLAGS },
      { id: 'start', label: 'Starts', kind: 'date', required: true, errorMessage: 'Give the first day' },
      { id: 'end', label: 'Planned end', kind: 'date' },
      { id: 'provider.name', label: 'Provider (off-site placements)', kind: 'text', maxLength: 200 },
      { id: 'provider.id', label: 'Provider reference, if the school has one', kind: 'text', maxLength: 64 },
      { id: 'objectives', label: 'Objectives, one a line', kind: 'longText', maxLength: 3000 },
    ],
  });
}

/** `ptt propose`: any member of staff may propose a part-time timetable; two leaders approve it (000 §9.5). */
export function timetableProposalForm(_school: School, _now: Date, _viewer: Viewer, cardId: string): FormView {
  return formView('timetableProposalForm', 'proposePartTimeTimetable', null, {
    title: 'Part-time timetable',
    intro: 'Propose one for a pupil. For exceptional cases and the shortest time possible; never to manage behaviour. The headteacher and the AP lead both approve it.',
    submitTitle: 'Propose',
    participants: [],
    cardId,
    fields: [
      ...pupilFields,
      { id: 'reason', label: 'Why it is needed', kind: 'longText', required: true, maxLength: 1000, errorMessage: 'Say why it is needed' },
      { id: 'timetable', label: 'Sessions in school', kind: 'multiChoice', required: true, options: TIMETABLE_SLOTS, errorMessage: 'Pick the sessions in school' },
      { id: 'start', label: 'Starts', kind: 'date', required: true, errorMessage: 'Give the first day' },
      { id: 'end', label: 'Ends', kind: 'date', required: true, errorMessage: 'Give the last day' },
      { id: 'planToFullTime', label: 'The plan back to full time', kind: 'longText', required: true, maxLength: 1000, errorMessage: 'Say how the pupil gets back to full time' },
      {
        id: 'parentsAgreed',
        label: 'Have the parents or carers agreed?',
        kind: 'choice',
        required: true,
        options: [
          { value: 'yes', title: 'Yes, they have agreed' },
          { value: 'not_yet', title: 'Not yet' },
        ],
        errorMessage: "Say whether the parents have agreed",
      },
    ],
  });
}
