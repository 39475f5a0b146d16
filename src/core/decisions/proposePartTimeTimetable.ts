import { z } from 'zod';
import { pupilSchema, timetableSchema, WEEKDAYS, type Placement } from '../placement/placement.ts';
import { onePupilOneRecord } from '../placement/onePupil.ts';
import { localDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, inCalendar, refuse } from './decision.ts';

const FULL_WEEK_SESSIONS = 10;

/** 000 §9.3-9.5: any member of staff may propose one; it is exceptional, short and time-limited. */
export const proposePartTimeTimetable = defineDecision({
  name: 'proposePartTimeTimetable',
  target: 'new',
  input: z.strictObject({
    pupil: pupilSchema,
    reason: z.string().trim().min(10, { message: 'give the reason in a sentence' }).max(1000),
    timetable: timetableSchema,
    start: localDate,
    end: localDate,
    reviewEverySchoolDays: z.number().int().min(1).max(40).optional(),
    // 000 §9.6: the parents' agreement is part of the record; 000 §9.3: so is the way back to full time.
    alongside: z.boolean().optional(),
    parentsAgreed: z.enum(['yes', 'not_yet'], whenMissing('say whether the parents have agreed')),
    planToFullTime: requiredText('say how the pupil gets back to full time', 10, 1000),
  }),
  apply(_none, input, ctx) {
    const { parentsAgreed, alongside, ...proposal } = input;
    onePupilOneRecord(input.pupil, ctx.pupilPlacements ?? [], alongside ?? false);
    inCalendar(input.start, 'start', ctx);
    inCalendar(input.end, 'end', ctx);
    if (input.end < input.start) refuse('end: the planned end is before the start.');
    if (input.start <= ctx.today) refuse('start: a part-time timetable is approved before it starts; pick a later start.');
    const sessions = WEEKDAYS.reduce((sum, day) => sum + input.timetable[day].length, 0);
    if (sessions >= FULL_WEEK_SESSIONS) refuse('timetable: that is a full-time timetable.');
        const stamp = { on: ctx.today, by: ctx.actor.staffId, at: ctx.now.toISOString(), key: ctx.key };
    const placement: Placement = {
      id: ctx.newPlacementId,
      kind: 'part_time_timetable',
      status: 'proposed',
      version: 0,
      ...proposal,
      proposedBy: ctx.actor.staffId,
      suspensions: [],
      history: [{ type: 'commissioned', ...stamp }, ...(parentsAgreed === 'yes' ? [{ type: 'parent_agreement' as const, ...stamp }] : [])],
    };
    return {
      placement,
      summary: `Part-time timetable ${placement.id} proposed for pupil ${input.pupil.ref} (${sessions} sessions a week, ${input.start} to ${input.end})`,
    };
  },
});
