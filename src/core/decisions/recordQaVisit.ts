import { z } from 'zod';
import { QA_CHECKS, QA_OUTCOMES } from '../placement/events.ts';
import { requiredDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * 002 App E: a quality-assurance visit to the provider, as an inspector would ask to see it: when,
 * who went, what was checked, what they found and what was agreed.
 */
export const recordQaVisit = defineDecision({
  name: 'recordQaVisit',
  target: 'existing',
  input: z.strictObject({
    on: requiredDate('give the date of the visit'),
    visitedBy: requiredText('say who visited', 2, 200),
    checked: z.array(z.enum(QA_CHECKS), whenMissing('say what was checked')).min(1, { message: 'say what was checked' }),
    outcome: z.enum(QA_OUTCOMES, whenMissing('give the outcome')),
    actions: requiredText('say what actions were agreed ("none" if none)'),
    seen: z.string().trim().max(2000).optional(),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (!placement.provider) refuse(`Placement ${placement.id} has no provider.`);
    const on = doneOn(input.on, ctx);
    return {
      placement: withEvent(placement, ctx, { ...input, type: 'qa_visit', on }),
      summary: `QA visit recorded on ${on} for placement ${placement.id} (outcome: ${input.outcome.replaceAll('_', ' ')})`,
    };
  },
});
