import { z } from 'zod';
import { whenMissing } from '../validation.ts';
import { CONCERN_DECISIONS } from '../placement/events.ts';
import { concernInput, openConcern } from './acknowledgeConcern.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** KCSIE part 2: the DSL decides what happens next, and writes down why. */
export const decideConcern = defineDecision({
  name: 'decideConcern',
  target: 'existing',
  input: z.strictObject({
    ...concernInput,
    decision: z.enum(CONCERN_DECISIONS, whenMissing('pick the decision')),
    rationale: z.string(whenMissing('give the reason for the decision')).trim().min(10, { message: 'give the reason for the decision, in a sentence' }).max(3000),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const found = openConcern(placement, input.concern);
    if (found.state === 'decided') refuse('A decision is already recorded on that concern; close it with its outcome.');
    // Deciding is itself acknowledging: a DSL who decides at once needs no separate step.
    let next = placement;
    if (found.state === 'logged') next = withEvent(next, ctx, { type: 'concern_acknowledged', on: ctx.today, concern: found.id });
    const decided = withEvent(next, ctx, { type: 'concern_decision', on: ctx.today, concern: found.id, decision: input.decision, rationale: input.rationale });
    return {
      placement: { ...decided, version: placement.version + 1 },
      summary: `A DSL recorded a decision on a concern on placement ${placement.id}`,
    };
  },
});
