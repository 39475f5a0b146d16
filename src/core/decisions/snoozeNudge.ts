import { z } from 'zod';
import { roleWords } from '../policy/roles.ts';
import { instantAt, localDateOf, localTimeOf } from '../calendar/localTime.ts';
import { isValidLocalDate, shortDate } from '../calendar/localDate.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { deriveObligations } from '../obligations/deriveObligations.ts';
import { obligationKey } from '../obligations/obligationKey.ts';
import { escalatesAt } from '../obligations/stage.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** A school day (`2026-02-10`: reminders resume when it begins) or a time on one (`2026-02-09T12:00`). */
const snoozeEnd = z.string().refine(
  (value) => {
    const [date, time] = value.split('T');
    return isValidLocalDate(date ?? '') && (time === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(time));
  },
  { message: 'is not a date (YYYY-MM-DD) or a time on one (YYYY-MM-DDTHH:MM)' },
);

/**
 * Quietens the reminders about one obligation for a while, with a reason; never past the instant
 * it escalates, worked out by the same function that gives its stages.
 */
export const snoozeNudge = defineDecision({
  name: 'snoozeNudge',
  target: 'existing',
  input: z.strictObject({
    obligation: z.string().min(1).max(200),
    until: snoozeEnd,
    reason: z.string().trim().min(3, { message: 'say why' }).max(500),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const obligation = deriveObligations(placement, ctx.school, ctx.now).find((o) => obligationKey(o) === input.obligation);
    if (!obligation) refuse('That reminder is no longer open.');
    if (!ctx.actor.roles.includes(obligation.ownerRole) && !ctx.actor.roles.includes('headteacher'))
      throw new AppError(ErrorCode.NotAllowed, `Only the ${roleWords(obligation.ownerRole)} or the headteacher can snooze this.`);
    if (obligation.stage === 'escalated') refuse('This has already been escalated; it cannot be snoozed.');
    const { timezone } = ctx.school.config.school;
    const [date, time] = input.until.split('T') as [string, string | undefined];
    const until = instantAt(date, time ?? '00:00', timezone);
    if (until <= ctx.now) refuse('until: pick a later time.');
    const limit = escalatesAt(obligation, ctx.school);
    if (limit && until > limit) {
      const [day, time] = [localDateOf(limit, timezone), localTimeOf(limit, timezone)];
      const when = day === ctx.today ? `${time} today` : time === '00:00' ? shortDate(day) : `${shortDate(day)} ${time}`;
      refuse(`until: a snooze can last until ${when} at the latest, when this escalates.`);
    }
    const event = { type: 'snooze', on: ctx.today, obligation: input.obligation, until: localDateOf(until, timezone), untilAt: until.toISOString(), reason: input.reason } as const;
    return {
      placement: withEvent(placement, ctx, event),
      summary: `Reminder ${obligation.type} for placement ${placement.id} snoozed until ${input.until}`,
    };
  },
});
