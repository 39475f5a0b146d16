import { z } from 'zod';
import { PLACEMENT_KINDS, providerSchema, pupilSchema, suspensionSchema, timetableSchema, type Placement } from '../placement/placement.ts';
import { onePupilOneRecord } from '../placement/onePupil.ts';
import { localDate } from '../validation.ts';
import { defineDecision, inCalendar, refuse } from './decision.ts';

export const commissionInput = z.strictObject({
  kind: z.enum(PLACEMENT_KINDS).exclude(['part_time_timetable']),
  pupil: pupilSchema,
  start: localDate,
  end: localDate.optional(),
  timetable: timetableSchema.optional(),
  provider: providerSchema.optional(),
  suspensions: z.array(suspensionSchema).optional(),
  objectives: z.array(z.string().trim().min(1).max(500)).max(10).default([]),
  /** A second placement for a pupil who already has an open one (001 §5.5), asked for on purpose. */
  alongside: z.boolean().optional(),
});

/** 000 §7: an AP lead commissions a placement; it starts `proposed` with its pre-placement checklist. */
export const commissionPlacement = defineDecision({
  name: 'commissionPlacement',
  target: 'new',
  input: commissionInput,
  apply(_none, input, ctx) {
    const { alongside, ...placementFields } = input;
    onePupilOneRecord(input.pupil, ctx.pupilPlacements ?? [], alongside ?? false);
    inCalendar(input.start, 'start', ctx);
    if (input.end !== undefined) {
      inCalendar(input.end, 'end', ctx);
      if (input.end < input.start) refuse('end: the planned end is before the start.');
    }
    if ((input.kind === 'off_site_ap' || input.kind === 'off_site_direction') && !input.provider)
      refuse('provider: an off-site placement needs its provider.');
    if (input.kind === 'suspension_provision' && !input.suspensions?.length) refuse('suspensions: suspension provision needs the suspension; use recordSuspension.');
    const placement: Placement = {
      id: ctx.newPlacementId,
      status: 'proposed',
      version: 0,
      ...placementFields,
      suspensions: input.suspensions ?? [],
      history: [{ type: 'commissioned', on: ctx.today, by: ctx.actor.staffId, at: ctx.now.toISOString(), key: ctx.key }],
    };
    return { placement, summary: `Commissioned ${placement.id} (${input.kind}) for pupil ${input.pupil.ref}, starting ${input.start}` };
  },
});
