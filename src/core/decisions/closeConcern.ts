import { z } from 'zod';
import { whenMissing } from '../validation.ts';
import { concernInput, openConcern } from './acknowledgeConcern.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** A concern closes with its outcome, and only after a decision with its rationale. */
export const closeConcern = defineDecision({
  name: 'closeConcern',
  target: 'existing',
  input: z.strictObject({
    ...concernInput,
    outcome: z.string(whenMissing('say how it ended')).trim().min(10, { message: 'say how it ended, in a sentence' }).max(3000),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const found = openConcern(placement, input.concern);
    if (found.state !== 'decided') refuse('Record the decision and its reason before closing the concern.');
    return {
      placement: withEvent(placement, ctx, { type: 'concern_closed', on: ctx.today, concern: found.id, outcome: input.outcome }),
      summary: `A concern on placement ${placement.id} was closed by a DSL`,
    };
  },
});
