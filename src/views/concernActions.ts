import { CONCERN_DECISION_WORDS, concernCases, concernSubject, type ConcernCase } from '../core/placement/concerns.ts';
import { CONCERN_DECISIONS } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import { placementAction } from './actions.ts';
import type { ViewAction } from './viewModel.ts';

/** The concern a duty is about, found by the subject the duty names it by. */
export function concernBySubject(placement: Placement, subject: string | null): ConcernCase | undefined {
  const cases = concernCases(placement);
  return cases.find((c) => concernSubject(c, cases) === subject);
}

const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** The next step a DSL can take on a concern: acknowledge it, decide with a reason, close with the outcome. */
export function concernActions(placement: Placement, c: ConcernCase): ViewAction[] {
  const input = { concern: c.id };
  const decide = placementAction(placement, {
    verb: 'decideConcern',
    title: 'Record the decision',
    style: c.state === 'logged' ? 'default' : 'positive',
    variant: c.id,
    input,
    fields: [
      { id: 'decision', label: 'Decision', kind: 'choice', required: true, options: CONCERN_DECISIONS.map((d) => ({ value: d, title: sentence(CONCERN_DECISION_WORDS[d]) })) },
      { id: 'rationale', label: 'Why', kind: 'longText', required: true, maxLength: 3000, errorMessage: 'Give the reason for the decision' },
    ],
  });
  switch (c.state) {
    case 'logged':
      return [placementAction(placement, { verb: 'acknowledgeConcern', title: 'Acknowledge', style: 'positive', variant: c.id, input }), decide];
    case 'acknowledged':
      return [decide];
    case 'decided':
      return [
        placementAction(placement, {
          verb: 'closeConcern',
          title: 'Close the concern',
          variant: c.id,
          input,
          fields: [{ id: 'outcome', label: 'How it ended', kind: 'longText', required: true, maxLength: 3000, errorMessage: 'Say how it ended' }],
        }),
      ];
    case 'closed':
      return [];
  }
}
