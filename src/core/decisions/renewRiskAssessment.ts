import { z } from 'zod';
import { RISK_LEVELS } from '../placement/events.ts';
import { requiredDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * 000 §4.3, §7.8: the pupil's risk assessment, or the provider's, renewed: when, by whom, the level
 * of risk found, when it is next reviewed, and where the document is.
 */
export const renewRiskAssessment = defineDecision({
  name: 'renewRiskAssessment',
  target: 'existing',
  input: z.strictObject({
    subject: z.enum(['pupil', 'provider'], whenMissing('say whose risk assessment (pupil or provider)')),
    on: requiredDate('give the date of the assessment'),
    assessedBy: requiredText('say who carried it out', 2, 200),
    level: z.enum(RISK_LEVELS, whenMissing('give the level of risk (low, medium or high)')),
    nextReviewOn: requiredDate('give the date of the next review'),
    documentUrl: z.url({ protocol: /^https$/, message: 'is not an https link' }).max(2000).optional(),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (input.subject === 'provider' && !placement.provider) refuse(`This placement has no provider.`);
    const on = doneOn(input.on, ctx);
    if (input.nextReviewOn <= on) refuse('nextReviewOn: the next review comes after this assessment.');
    const type = input.subject === 'pupil' ? 'risk_assessment' : 'provider_risk_assessment';
    const { assessedBy, level, nextReviewOn, documentUrl } = input;
    return {
      placement: withEvent(placement, ctx, { type, on, assessedBy, level, nextReviewOn, ...(documentUrl ? { documentUrl } : {}) }),
      summary: `${input.subject === 'pupil' ? 'Pupil' : 'Provider'} risk assessment renewed on ${on} for placement ${placement.id} (risk ${input.level})`,
    };
  },
});
