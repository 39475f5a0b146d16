import { z } from 'zod';
import { END_REASONS } from '../placement/events.ts';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';

const text = z.string().trim().max(2000).optional();

/**
 * 000 §8.7: ends a placement with its outcome, destination and the pupil's own view. A
 * safeguarding end may happen at once, without notice (004); a return to mainstream follows the
 * reintegration meeting. Nothing falls due afterwards.
 */
export const endPlacement = defineDecision({
  name: 'endPlacement',
  target: 'existing',
  input: z.strictObject({
    reason: z.enum(END_REASONS),
    on: localDate.optional(),
    destination: text,
    achievements: text,
    pupilView: text,
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const on = doneOn(input.on, ctx);
    if (input.reason === 'reintegrated' && !placement.history.some((e) => e.type === 'reintegration_meeting'))
      refuse('A return to mainstream follows a reintegration meeting; record the meeting first.');
    const end = placement.end === undefined || on < placement.end ? on : placement.end;
    return {
      placement: withEvent(placement, ctx, { ...input, type: 'ended', on }, { status: 'ended', end }),
      summary: `Placement ${placement.id} ended on ${on} (${input.reason.replaceAll('_', ' ')})`,
    };
  },
});
