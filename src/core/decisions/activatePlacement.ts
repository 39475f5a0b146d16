import { z } from 'zod';
import { missingBeforeStart } from '../placement/checklist.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** A proposed placement starts only once every check it needs is done, and says what is missing. */
export const activatePlacement = defineDecision({
  name: 'activatePlacement',
  target: 'existing',
  input: z.strictObject({}),
  apply(current, _input, ctx) {
    const placement = openPlacement(current);
    if (placement.status !== 'proposed') refuse(`This placement is already active.`);
    if (placement.kind === 'part_time_timetable') refuse('A part-time timetable starts when the headteacher and the AP lead have both approved it.');
    const missing = missingBeforeStart(placement);
    if (missing.length > 0) refuse(`This placement cannot start yet. Still to do: ${missing.join('; ')}.`);
    return {
      placement: withEvent(placement, ctx, { type: 'activated', on: ctx.today }, { status: 'active' }),
      summary: `Placement ${placement.id} activated`,
    };
  },
});
