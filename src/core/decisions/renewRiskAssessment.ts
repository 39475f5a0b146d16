import { z } from 'zod';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

/** 000 §4.3, §7.8: the pupil's risk assessment, or the provider's, renewed, with where the document is. */
export const renewRiskAssessment = defineDecision({
  name: 'renewRiskAssessment',
  target: 'existing',
  input: z.strictObject({
    subject: z.enum(['pupil', 'provider']),
    on: localDate.optional(),
    documentUrl: z.url({ protocol: /^https$/, message: 'is not an https link' }).max(2000).optional(),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (input.subject === 'provider' && !placement.provider) refuse(`This placement has no provider.`);
    const on = doneOn(input.on, ctx);
    const type = input.subject === 'pupil' ? 'risk_assessment' : 'provider_risk_assessment';
    return {
      placement: withEvent(placement, ctx, { type, on, ...(input.documentUrl ? { documentUrl: input.documentUrl } : {}) }),
      summary: `${input.subject === 'pupil' ? 'Pupil' : 'Provider'} risk assessment renewed on ${on} for placement ${placement.id}`,
    };
  },
});
