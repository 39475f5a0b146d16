import { z } from 'zod';
import { AppError, ErrorCode } from '../errors.ts';
import { deriveObligations } from '../obligations/deriveObligations.ts';
import { escalatesOn, obligationKey } from '../obligations/obligationKey.ts';
import { localDate } from '../validation.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** Quietens the reminders about one obligation for a while, with a reason; never past its escalation. */
export const snoozeNudge = defineDecision({
  name: 'snoozeNudge',
  target: 'existing',
  input: z.strictObject({
    obligation: z.string().min(1).max(200),
    until: localDate,
    reason: z.string().trim().min(3, { message: 'say why' }).max(500),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const obligation = deriveObligations(placement, ctx.school, ctx.now).find((o) => obligationKey(o) === input.obligation);
    if (!obligation) refuse('That reminder is no longer open.');
    if (!ctx.actor.roles.includes(obligation.ownerRole) && !ctx.actor.roles.includes('headteacher'))
      throw new AppError(ErrorCode.NotAllowed, `Only the ${obligation.ownerRole.replace('_', ' ')} or the headteacher can snooze this.`);
    if (obligation.stage === 'escalated') refuse('This has already been escalated; it cannot be snoozed.');
    if (input.until <= ctx.today) refuse('until: pick a later day.');
    const limit = escalatesOn(obligation, ctx.school);
    if (input.until >= limit) refuse(`until: a snooze must end before ${limit}, when this escalates.`);
    return {
      placement: withEvent(placement, ctx, { type: 'snooze', on: ctx.today, obligation: input.obligation, until: input.until, reason: input.reason }),
      summary: `Reminder ${obligation.type} for placement ${placement.id} snoozed until ${input.until}`,
    };
  },
});
