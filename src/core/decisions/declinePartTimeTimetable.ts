import { roleWords } from '../policy/roles.ts';
import { z } from 'zod';
import { pendingPttApproval } from '../placement/partTimeTimetable.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** A decline stops a proposed timetable; a declined extension leaves the current end in place. */
export const declinePartTimeTimetable = defineDecision({
  name: 'declinePartTimeTimetable',
  target: 'existing',
  input: z.strictObject({ reason: z.string().trim().min(3, { message: 'say why' }).max(1000) }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const pending = pendingPttApproval(placement) ?? refuse(`This placement has nothing waiting for approval.`);
    const declined = withEvent(placement, ctx, { type: 'decline', on: ctx.today, role: ctx.role, reason: input.reason });
    if (pending.end) return { placement: declined, summary: `Extension of part-time timetable ${placement.id} declined by the ${roleWords(ctx.role)}` };
    const ended = { ...withEvent(declined, ctx, { type: 'ended', on: ctx.today, reason: 'other' }, { status: 'ended' as const }), version: declined.version };
    return { placement: ended, summary: `Part-time timetable ${placement.id} declined by the ${roleWords(ctx.role)}` };
  },
});
