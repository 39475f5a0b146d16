import { z } from 'zod';
import type { SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { pupilSchema, suspensionSchema, type Placement, type Suspension } from '../placement/placement.ts';
import { lateProvisionStart, owesSuspensionProvision, SCHOOL_DAYS_WITHOUT_PROVISION, suspensionProvisionDeadline } from '../obligations/rules/suspension.ts';
import { onePupilOneRecord } from '../placement/onePupil.ts';
import { localDate } from '../validation.ts';
import { defineDecision, inCalendar, openPlacement, refuse, withEvent } from './decision.ts';
import { byCodeUnits } from '../byCodeUnits.ts';

/** Refuses a suspension that does not start the school day after the one before it ended. */
function followingStraightOn(previous: Suspension, next: Suspension, calendar: SchoolCalendar): void {
  const dayOne = (date: string) => (calendar.isSchoolDay(date) ? date : calendar.addSchoolDays(date, 1));
  const lastDay = calendar.addSchoolDays(dayOne(previous.firstDay), previous.schoolDays - 1);
  if (dayOne(next.firstDay) !== calendar.addSchoolDays(lastDay, 1))
    refuse(`firstDay: a further suspension adds up only when it follows straight on (the school day after ${lastDay}).`);
}

/**
 * 001 §8: records a suspension. Provision is owed only once suspensions, added up, pass five
 * school days: a shorter one creates nothing (set work instead). `earlierSuspensions` are those it
 * follows straight on from, which count towards the five; a later consecutive one is added to the
 * provision placement already made.
 */
export const recordSuspension = defineDecision({
  name: 'recordSuspension',
  target: 'either',
  input: z.strictObject({
    pupil: pupilSchema.optional(),
    firstDay: localDate,
    schoolDays: z.number().int().min(1).max(45),
    earlierSuspensions: z.array(suspensionSchema).max(10).optional(),
    provisionStart: localDate.optional(),
    /** 001 §8: why provision cannot begin by the sixth school day, when the planned start is later. */
    lateStartReason: z.string().trim().min(3, { message: 'say why' }).max(1000).optional(),
    /** Provision alongside a placement the pupil already has open (001 §5.5), asked for on purpose. */
    alongside: z.boolean().optional(),
  }),
  apply(current, input, ctx) {
    const { calendar } = ctx.school;
    inCalendar(input.firstDay, 'firstDay', ctx);
    const suspension = { firstDay: input.firstDay, schoolDays: input.schoolDays };

    if (current) {
      const placement = openPlacement(current);
      if (placement.kind !== 'suspension_provision') refuse(`This placement is not suspension provision.`);
      const last = placement.suspensions[placement.suspensions.length - 1];
      if (!last) refuse(`This placement has no suspension to follow.`);
      followingStraightOn(last, suspension, calendar);
      const next = withEvent(placement, ctx, { type: 'updated', on: ctx.today, fields: ['suspensions'] }, { suspensions: [...placement.suspensions, suspension] });
      const total = next.suspensions.reduce((sum, s) => sum + s.schoolDays, 0);
      return { placement: next, summary: `Consecutive suspension added to ${placement.id}: ${total} school days in all` };
    }

    if (!input.pupil) refuse('pupil: say which pupil is suspended.');
    const suspensions = [...(input.earlierSuspensions ?? []), suspension].sort((a, b) => byCodeUnits(a.firstDay, b.firstDay));
    suspensions.forEach((s, i) => {
      inCalendar(s.firstDay, 'firstDay', ctx);
      if (i > 0) followingStraightOn(suspensions[i - 1] as Suspension, s, calendar);
    });
    const total = suspensions.reduce((sum, s) => sum + s.schoolDays, 0);
    if (!owesSuspensionProvision({ suspensions }))
      refuse(
        `schoolDays: ${total} school days of suspension need no provision (001 §8: only more than ${SCHOOL_DAYS_WITHOUT_PROVISION}, counting suspensions that follow straight on); set work and mark it instead.`,
      );
    onePupilOneRecord(input.pupil, ctx.pupilPlacements ?? [], input.alongside ?? false);
    const draft: Placement = {
      id: ctx.newPlacementId,
      kind: 'suspension_provision',
      status: 'proposed',
      version: 0,
      pupil: input.pupil,
      start: input.firstDay,
      suspensions,
      history: [{ type: 'commissioned', on: ctx.today, by: ctx.actor.staffId, at: ctx.now.toISOString(), key: ctx.key }],
    };
    const start = input.provisionStart ? inCalendar(input.provisionStart, 'provisionStart', ctx) : suspensionProvisionDeadline(draft, calendar);
    const late = lateProvisionStart({ ...draft, start }, calendar);
    if (late && !input.lateStartReason) refuse(`provisionStart: the ${late}. Give the reason in lateStartReason, or choose an earlier start.`);
    return {
      placement: { ...draft, start, ...(late && input.lateStartReason ? { lateStartReason: input.lateStartReason } : {}) },
      summary: `Suspension of ${total} school days recorded for pupil ${input.pupil.ref}; provision ${draft.id} from ${start}`,
    };
  },
});
