import { CONCERN_CATEGORIES, type ConcernCategory } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { formView, type FormView } from './formView.ts';
import type { Viewer } from './viewModel.ts';
import { todayOf } from './when.ts';

export const CONCERN_TITLES: Record<ConcernCategory, string> = {
  safeguarding: 'Safeguarding',
  behaviour: 'Behaviour',
  attendance: 'Attendance',
  health_safety: 'Health and safety',
  progress: 'Progress',
};

/** Anyone may raise a concern; what they write goes to the DSLs only. */
export function concernForm(placement: Placement, school: School, now: Date, viewer: Viewer, cardId?: string): FormView {
  return formView('concernForm', 'logConcern', placement, {
    title: 'Log a concern',
    intro: 'Only the safeguarding leads will read what you write. If a child is at risk right now, find the DSL in person too.',
    submitTitle: 'Send to the DSL',
    participants: [viewer.staffId],
    ...(cardId ? { cardId } : {}),
    fields: [
      { id: 'category', label: 'What kind of concern', kind: 'choice', required: true, options: CONCERN_CATEGORIES.map((c) => ({ value: c, title: CONCERN_TITLES[c] })), errorMessage: 'Pick the kind of concern' },
      { id: 'details', label: 'What happened', kind: 'longText', required: true, maxLength: 3000, placeholder: 'What you saw or heard, when and where', errorMessage: 'Say what happened' },
      { id: 'on', label: 'When it happened', kind: 'date', value: todayOf(now, school) },
    ],
  });
}
