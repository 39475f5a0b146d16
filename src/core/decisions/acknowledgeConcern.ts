import { z } from 'zod';
import { concernCase } from '../placement/concerns.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

const concernId = z.string().trim().min(1, { message: 'say which concern' }).max(200);

/** The concern of a placement a DSL acts on, refused once it is closed. */
export function openConcern(placement: Parameters<typeof concernCase>[0], id: string) {
  const found = concernCase(placement, id) ?? refuse(`There is no such concern on placement ${placement.id}.`);
  if (found.state === 'closed') refuse('That concern is closed; its record can only be read now.');
  return found;
}

export const concernInput = { concern: concernId };

/** A DSL has the concern in hand; until one does, the deputies and the headteacher hear at the end of the day. */
export const acknowledgeConcern = defineDecision({
  name: 'acknowledgeConcern',
  target: 'existing',
  input: z.strictObject(concernInput),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const found = openConcern(placement, input.concern);
    if (found.state !== 'logged') refuse('That concern is already acknowledged.');
    return {
      placement: withEvent(placement, ctx, { type: 'concern_acknowledged', on: ctx.today, concern: found.id }),
      summary: `A concern on placement ${placement.id} was acknowledged by a DSL`,
    };
  },
});
