import { z } from 'zod';
import { CONCERN_CATEGORIES } from '../placement/events.ts';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, withEvent } from './decision.ts';

/**
 * Anyone may log a concern. What happened is kept for the DSLs only; everyone else, and the audit
 * log, see just that a concern of that category was logged. A safeguarding concern opens an
 * immediate review and a risk-assessment review (003 §8), which the obligations show as due.
 */
export const logConcern = defineDecision({
  name: 'logConcern',
  target: 'existing',
  input: z.strictObject({
    category: z.enum(CONCERN_CATEGORIES),
    details: z.string().trim().min(10, { message: 'say what happened, in a sentence or more' }).max(3000),
    on: localDate.optional(),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const on = doneOn(input.on, ctx);
    return {
      placement: withEvent(placement, ctx, { type: 'concern', on, category: input.category, details: input.details }),
      summary: `A ${input.category === 'health_safety' ? 'health and safety' : input.category} concern was logged for placement ${placement.id}`,
    };
  },
});
