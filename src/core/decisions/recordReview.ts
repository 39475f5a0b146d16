import { z } from 'zod';
import { REVIEW_OUTCOMES } from '../placement/events.ts';
import { localDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, doneOn, inCalendar, openPlacement, refuse, withEvent } from './decision.ts';

const ATTENDEES = ['pupil', 'parents', 'provider', 'ap_lead', 'headteacher', 'dsl', 'senco', 'social_worker', 'local_authority', 'virtual_school'] as const;
const view = z.string().trim().max(2000);

/** 000 §8.2-8.3: the formal review, with who came, the pupil's and parents' views, and what next. */
export const recordReview = defineDecision({
  name: 'recordReview',
  target: 'existing',
  input: z.strictObject({
    on: localDate.optional(),
    attendees: z.array(z.enum(ATTENDEES), whenMissing('say who took part')).min(1, { message: 'say who took part' }),
    pupilView: view.optional(),
    parentView: view.optional(),
    progress: requiredText('say how it is going against the objectives', 3),
    outcome: z.enum(REVIEW_OUTCOMES, whenMissing('give the outcome')),
    nextReviewOn: localDate.optional(),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const on = doneOn(input.on, ctx);
    // A review that does not end the placement sets when the next one is (000 §8.2).
    if (input.nextReviewOn === undefined && input.outcome !== 'end') refuse('nextReviewOn: give the date of the next review.');
    if (input.nextReviewOn !== undefined && inCalendar(input.nextReviewOn, 'nextReviewOn', ctx) <= on)
      refuse('nextReviewOn: the next review comes after this one.');
    return {
      placement: withEvent(placement, ctx, { ...input, type: 'review', on }),
      summary: `Review held on ${on} for placement ${placement.id} (outcome: ${input.outcome.replaceAll('_', ' ')})`,
    };
  },
});
