import { recordReview } from '../core/decisions/recordReview.ts';
import { REVIEW_OUTCOMES } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { formView, type FormView } from './formView.ts';
import type { Viewer } from './viewModel.ts';
import { todayOf } from './when.ts';

const ATTENDEE_TITLES: Record<string, string> = {
  pupil: 'The pupil',
  parents: 'Parents or carers',
  provider: 'The provider',
  ap_lead: 'AP lead',
  headteacher: 'Headteacher',
  dsl: 'DSL',
  senco: 'SENCO',
  social_worker: 'Social worker',
  local_authority: 'Local authority',
  virtual_school: 'Virtual school',
};

export const OUTCOME_TITLES: Record<(typeof REVIEW_OUTCOMES)[number], string> = {
  continue: 'Carry on as planned',
  change: 'Carry on with changes',
  plan_reintegration: 'Plan the return to school',
  end: 'End the placement',
};

/** 000 §8.2-8.3: who came, what the pupil and parents think, progress, and what happens next. */
export function reviewForm(placement: Placement, school: School, now: Date, viewer: Viewer, cardId?: string): FormView {
  const attendees = recordReview.input.shape.attendees.element.options;
  return formView('reviewForm', 'recordReview', placement, {
    title: 'Record the review',
    intro: 'A few lines is plenty. The pupil’s and parents’ own words help most.',
    submitTitle: 'Save the review',
    participants: [viewer.staffId],
    ...(cardId ? { cardId } : {}),
    fields: [
      { id: 'on', label: 'Held on', kind: 'date', value: todayOf(now, school) },
      { id: 'attendees', label: 'Who took part', kind: 'multiChoice', required: true, options: attendees.map((a) => ({ value: a, title: ATTENDEE_TITLES[a] ?? a })), errorMessage: 'Say who took part' },
      { id: 'pupilView', label: 'What the pupil said', kind: 'longText', maxLength: 2000 },
      { id: 'parentView', label: 'What the parents said', kind: 'longText', maxLength: 2000 },
      { id: 'progress', label: 'Progress against the objectives', kind: 'longText', required: true, maxLength: 2000, errorMessage: 'Say how it is going' },
      { id: 'outcome', label: 'What happens next', kind: 'choice', required: true, options: REVIEW_OUTCOMES.map((o) => ({ value: o, title: OUTCOME_TITLES[o] })), errorMessage: 'Pick what happens next' },
      { id: 'nextReviewOn', label: 'Next review on', kind: 'date' },
    ],
  });
}
