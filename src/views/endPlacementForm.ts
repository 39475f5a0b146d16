import { END_REASONS, type EndReason } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { formView, type FormView } from './formView.ts';
import type { Viewer } from './viewModel.ts';
import { todayOf } from './when.ts';

export const REASON_TITLES: Record<EndReason, string> = {
  reintegrated: 'Back in school full time',
  specialist_provision: 'Moved to specialist provision',
  safeguarding: 'Safeguarding',
  non_attendance: 'Not attending',
  planned_end: 'Planned end',
  other: 'Something else',
};

/** 000 §8.7: how it ended, where the pupil goes, what they achieved, and their own view. */
export function endPlacementForm(placement: Placement, school: School, now: Date, viewer: Viewer, cardId?: string): FormView {
  const met = placement.history.some((e) => e.type === 'reintegration_meeting');
  return formView('endPlacementForm', 'endPlacement', placement, {
    title: 'End the placement',
    intro: met
      ? 'Record how it went; this stops every reminder for the placement.'
      : 'Record how it went; this stops every reminder. A return to school needs the reintegration meeting recorded first.',
    submitTitle: 'End the placement',
    participants: [viewer.staffId],
    ...(cardId ? { cardId } : {}),
    fields: [
      { id: 'reason', label: 'Why it is ending', kind: 'choice', required: true, options: END_REASONS.map((r) => ({ value: r, title: REASON_TITLES[r] })), errorMessage: 'Pick a reason' },
      { id: 'on', label: 'Last day', kind: 'date', value: placement.end ?? todayOf(now, school) },
      { id: 'destination', label: 'Where the pupil goes next', kind: 'text', maxLength: 2000 },
      { id: 'achievements', label: 'What they achieved', kind: 'longText', maxLength: 2000 },
      { id: 'pupilView', label: 'How the pupil thinks it went', kind: 'longText', maxLength: 2000 },
    ],
  });
}
