import { roleWords } from '../policy/roles.ts';
import { z } from 'zod';
import { AppError, ErrorCode } from '../errors.ts';
import { pendingPttApproval, PTT_APPROVERS } from '../placement/partTimeTimetable.ts';
import { rolesAllowed } from '../permissions.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/**
 * 000 §9.5: the headteacher and the AP lead both approve, as two different people. The second
 * approval starts the timetable (or makes the proposed extension take effect).
 */
export const approvePartTimeTimetable = defineDecision({
  name: 'approvePartTimeTimetable',
  target: 'existing',
  input: z.strictObject({}),
  apply(current, _input, ctx) {
    const placement = openPlacement(current);
    const pending = pendingPttApproval(placement) ?? refuse(`This placement has nothing waiting for approval.`);
    if (pending.approvals.some((a) => a.by === ctx.actor.staffId))
      throw new AppError(ErrorCode.NotAllowed, 'You have already approved this. The other approval must come from someone else.');
    const given = new Set(pending.approvals.map((a) => a.role));
    const allowed = rolesAllowed('approvePartTimeTimetable', ctx.school.config.permissions);
    const role = PTT_APPROVERS.find((r) => !given.has(r) && ctx.actor.roles.includes(r) && allowed.includes(r));
    if (!role) refuse(`The ${[...given].map(roleWords).join(' and ')} approval is already given; the other must come from the ${PTT_APPROVERS.filter((r) => !given.has(r)).map(roleWords).join(' or ')}.`);

    let next = withEvent(placement, ctx, { type: 'approval', on: ctx.today, role });
    const complete = PTT_APPROVERS.every((r) => r === role || given.has(r));
    if (!complete) return { placement: next, summary: `Part-time timetable ${placement.id} approved by the ${roleWords(role)}; one approval to go` };

    if (pending.end) {
      next = { ...withEvent(next, ctx, { type: 'extended', on: ctx.today, end: pending.end }, { end: pending.end }), version: next.version };
      return { placement: next, summary: `Extension of part-time timetable ${placement.id} to ${pending.end} approved by both` };
    }
    next = { ...withEvent(next, ctx, { type: 'activated', on: ctx.today }, { status: 'active' }), version: next.version };
    return { placement: next, summary: `Part-time timetable ${placement.id} approved by both; it starts ${placement.start}` };
  },
});
