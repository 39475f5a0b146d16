import { z } from 'zod';
import { AppError, ErrorCode } from '../errors.ts';
import { missingBeforeStart } from '../placement/checklist.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * A proposed placement starts once every check it needs is done, and says what is missing. Only
 * the headteacher may start it with checks outstanding, and only by saying why; the reason and
 * what was outstanding stay on the record.
 */
export const activatePlacement = defineDecision({
  name: 'activatePlacement',
  target: 'existing',
  input: z.strictObject({ reason: z.string().trim().max(1000).optional() }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (placement.status !== 'proposed') refuse(`Placement ${placement.id} is already active.`);
    if (placement.kind === 'part_time_timetable') refuse('A part-time timetable starts when the headteacher and the AP lead have both approved it.');
    const missing = missingBeforeStart(placement);
    if (missing.length > 0) {
      const stillToDo = `Placement ${placement.id} cannot start yet. Still to do: ${missing.join('; ')}.`;
      if (ctx.role !== 'headteacher') refuse(stillToDo);
      if (!input.reason || input.reason.length < 10)
        throw new AppError(ErrorCode.InvalidInput, `${stillToDo} To start it anyway, give the reason.`, ['reason: give the reason it must start before these are done']);
    }
    const outstanding = missing.length > 0 ? { outstanding: missing, reason: input.reason } : {};
    return {
      placement: withEvent(placement, ctx, { type: 'activated', on: ctx.today, ...outstanding }, { status: 'active' }),
      summary: missing.length > 0 ? `Placement ${placement.id} started by the headteacher with ${missing.length} check(s) outstanding` : `Placement ${placement.id} activated`,
    };
  },
});
