import { z } from 'zod';
import { providerSchema, timetableSchema } from '../placement/placement.ts';
import { lateProvisionStart } from '../obligations/rules/suspension.ts';
import { localDate } from '../validation.ts';
import { defineDecision, inCalendar, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * Changes a placement's dates, timetable or provider; the change itself is recorded. Suspension
 * provision moved past the sixth school day needs the reason (001 §8).
 */
export const updatePlacement = defineDecision({
  name: 'updatePlacement',
  target: 'existing',
  input: z
    .strictObject({
      start: localDate.optional(),
      end: localDate.optional(),
      timetable: timetableSchema.optional(),
      provider: providerSchema.optional(),
      /** 001 §8: why suspension provision moves past the sixth school day. */
      lateStartReason: z.string().trim().min(3, { message: 'say why' }).max(1000).optional(),
    })
    .refine((v) => Object.keys(v).length > 0, { message: 'say what to change: start, end, timetable or provider' }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    if (input.start) inCalendar(input.start, 'start', ctx);
    if (input.end) inCalendar(input.end, 'end', ctx);
    if (input.start && placement.status === 'active') refuse('start: the placement has started; its start date stays as it was.');
    if (input.end && placement.kind === 'part_time_timetable' && placement.status === 'active')
      refuse('end: extending a part-time timetable needs both approvals again; propose an extension instead.');
    const start = input.start ?? placement.start;
    const late = input.start && placement.kind === 'suspension_provision' ? lateProvisionStart({ ...placement, start }, ctx.school.calendar) : undefined;
    if (late && !input.lateStartReason) refuse(`start: the ${late}. Give the reason in lateStartReason, or choose an earlier start.`);
    const end = input.end ?? placement.end;
    if (end !== undefined && end < start) refuse('end: the planned end is before the start.');
    const fields = Object.keys(input);
    return {
      placement: withEvent(placement, ctx, { type: 'updated', on: ctx.today, fields }, input),
      summary: `Placement ${placement.id} updated: ${fields.join(', ')}`,
    };
  },
});
