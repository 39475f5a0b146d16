import { z } from 'zod';
import { pupilSchema, type Placement } from '../placement/placement.ts';
import { suspensionProvisionDeadline } from '../obligations/rules/suspension.ts';
import { localDate } from '../validation.ts';
import { defineDecision, inCalendar, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * 001 §8: records a suspension. The first one creates the suspension-provision placement; a
 * consecutive one (starting the school day after the last ended) adds to it, so the days add up.
 */
export const recordSuspension = defineDecision({
  name: 'recordSuspension',
  target: 'either',
  input: z.strictObject({
    pupil: pupilSchema.optional(),
    firstDay: localDate,
    schoolDays: z.number().int().min(1).max(45),
    provisionStart: localDate.optional(),
  }),
  apply(current, input, ctx) {
    const { calendar } = ctx.school;
    inCalendar(input.firstDay, 'firstDay', ctx);
    const suspension = { firstDay: input.firstDay, schoolDays: input.schoolDays };

    if (current) {
      const placement = openPlacement(current);
      if (placement.kind !== 'suspension_provision') refuse(`Placement ${placement.id} is not suspension provision.`);
      const dayOne = (date: string) => (calendar.isSchoolDay(date) ? date : calendar.addSchoolDays(date, 1));
      const last = placement.suspensions[placement.suspensions.length - 1];
      const lastDay = last ? calendar.addSchoolDays(dayOne(last.firstDay), last.schoolDays - 1) : undefined;
      if (!lastDay || dayOne(input.firstDay) !== calendar.addSchoolDays(lastDay, 1))
        refuse(`firstDay: a further suspension adds up only when it follows straight on (the school day after ${lastDay ?? 'the last one'}).`);
      const next = withEvent(placement, ctx, { type: 'updated', on: ctx.today, fields: ['suspensions'] }, { suspensions: [...placement.suspensions, suspension] });
      const total = next.suspensions.reduce((sum, s) => sum + s.schoolDays, 0);
      return { placement: next, summary: `Consecutive suspension added to ${placement.id}: ${total} school days in all` };
    }

    if (!input.pupil) refuse('pupil: say which pupil is suspended.');
    const draft: Placement = {
      id: ctx.newPlacementId,
      kind: 'suspension_provision',
      status: 'proposed',
      version: 0,
      pupil: input.pupil,
      start: input.firstDay,
      suspensions: [suspension],
      history: [{ type: 'commissioned', on: ctx.today, by: ctx.actor.staffId, at: ctx.now.toISOString(), key: ctx.key }],
    };
    const start = input.provisionStart ? inCalendar(input.provisionStart, 'provisionStart', ctx) : suspensionProvisionDeadline(draft, calendar);
    return {
      placement: { ...draft, start },
      summary: `Suspension of ${input.schoolDays} school days recorded for pupil ${input.pupil.ref}; provision ${draft.id} from ${start}`,
    };
  },
});
