import { z } from 'zod';
import { ABSENCE_DSL_ACTIONS } from '../placement/events.ts';
import type { Placement, Session } from '../placement/placement.ts';
import { SESSIONS } from '../placement/placement.ts';
import { localDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, openPlacement, refuse, withEvent } from './decision.ts';

/** The unexplained absence a follow-up or a DSL's decision is about, refused if there is none. */
export function unexplainedAbsence(placement: Placement, on: string, session: Session): void {
  const absent = placement.history.some((e) => e.type === 'attendance' && e.on === on && e.session === session && e.mark === 'absent_unauthorised');
  if (!absent) refuse(`There is no unexplained absence on ${on} ${session} for placement ${placement.id}.`);
}

/**
 * When nobody could reach the family, the DSL decides what happens (a home visit, a referral, a
 * child-missing-education report) and why; that closes the follow-up.
 */
export const recordAbsenceDecision = defineDecision({
  name: 'recordAbsenceDecision',
  target: 'existing',
  input: z.strictObject({
    absenceOn: localDate,
    session: z.enum(SESSIONS),
    action: z.enum(ABSENCE_DSL_ACTIONS, whenMissing('pick what happens next')),
    rationale: requiredText('give the reason for the decision, in a sentence', 10, 3000),
  }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    unexplainedAbsence(placement, input.absenceOn, input.session);
    return {
      placement: withEvent(placement, ctx, { ...input, type: 'absence_decision', on: ctx.today }),
      summary: `A DSL decided on the absence of ${input.absenceOn} ${input.session} for placement ${placement.id}: ${input.action.replaceAll('_', ' ')}`,
    };
  },
});
