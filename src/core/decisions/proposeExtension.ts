import { z } from 'zod';
import { pendingPttApproval } from '../placement/partTimeTimetable.ts';
import { localDate } from '../validation.ts';
import { defineDecision, inCalendar, openPlacement, refuse, withEvent } from './decision.ts';

/** 000 §9.3, §9.5: a part-time timetable runs longer only with both approvals again. */
export const proposeExtension = defineDecision({
  name: 'proposeExtension',
  target: 'existing',
  input: z.strictObject({ end: localDate, reason: z.string().trim().min(10, { message: 'give the reason in a sentence' }).max(1000) }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (placement.kind !== 'part_time_timetable' || placement.status !== 'active') refuse('Only an active part-time timetable can be extended.');
    if (pendingPttApproval(placement)) refuse('An extension is already waiting for approval.');
    inCalendar(input.end, 'end', ctx);
    if (placement.end && input.end <= placement.end) refuse(`end: pick a date after the current end, ${placement.end}.`);
    return {
      placement: withEvent(placement, ctx, { type: 'extension_proposed', on: ctx.today, end: input.end, reason: input.reason }),
      summary: `Extension of part-time timetable ${placement.id} to ${input.end} proposed; both approvals needed`,
    };
  },
});
