import { z } from 'zod';
import { staffWhoCanOwn } from '../policy/owners.ts';
import { roleWords, ROLES } from '../policy/roles.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** Names who owns a role's obligations on this placement: anyone who can own them (`staffWhoCanOwn`). */
export const reassignOwner = defineDecision({
  name: 'reassignOwner',
  target: 'existing',
  input: z.strictObject({ role: z.enum(ROLES), to: z.string().min(1) }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const member = ctx.school.config.staff.find((s) => s.id === input.to);
    if (!member) refuse('to: that member of staff is no longer on the staff list.');
    if (!staffWhoCanOwn(ctx.school, input.role).includes(member)) refuse(`to: ${member.name} may not do all that the ${roleWords(input.role)}’s reminders ask, so cannot own them.`);
    return {
      placement: withEvent(placement, ctx, { type: 'reassign', on: ctx.today, role: input.role, to: input.to }, {
        owners: { ...placement.owners, [input.role]: input.to },
      }),
      summary: `${input.role.replace('_', ' ')} for placement ${placement.id} reassigned to ${input.to}`,
    };
  },
});
