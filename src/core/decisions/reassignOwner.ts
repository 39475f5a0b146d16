import { z } from 'zod';
import { roleWords, ROLES } from '../policy/roles.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** Names who owns a role's obligations on this placement (someone else holding that role). */
export const reassignOwner = defineDecision({
  name: 'reassignOwner',
  target: 'existing',
  input: z.strictObject({ role: z.enum(ROLES), to: z.string().min(1) }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const member = ctx.school.config.staff.find((s) => s.id === input.to);
    if (!member) refuse('to: that member of staff is no longer on the staff list.');
    if (!member.roles.includes(input.role)) refuse(`to: ${member.name} is not the school’s ${roleWords(input.role)}, so cannot own these reminders.`);
    return {
      placement: withEvent(placement, ctx, { type: 'reassign', on: ctx.today, role: input.role, to: input.to }, {
        owners: { ...placement.owners, [input.role]: input.to },
      }),
      summary: `${input.role.replace('_', ' ')} for placement ${placement.id} reassigned to ${input.to}`,
    };
  },
});
