import { z } from 'zod';
import { ABSENCE_CODES, FOLLOW_UP_METHODS, FOLLOW_UP_NEXT_STEPS, FOLLOW_UP_OUTCOMES } from '../placement/events.ts';
import { SESSIONS } from '../placement/placement.ts';
import { localDate, requiredDate, requiredText, whenMissing } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse, withEvent } from './decision.ts';
import { unexplainedAbsence } from './recordAbsenceDecision.ts';

/**
 * 001 §10, 004: an unexplained absence followed up the same day: who was contacted, when, how,
 * and what came of it. Contact made gives the reason and the register code it leads to and closes
 * the follow-up; no contact keeps it open, tells the DSL, and says what happens next.
 */
export const recordAbsenceFollowUp = defineDecision({
  name: 'recordAbsenceFollowUp',
  target: 'existing',
  input: z
    .strictObject({
      absenceOn: localDate,
      session: z.enum(SESSIONS),
      on: requiredDate('give the date you made contact, or tried to'),
      contacted: requiredText('say who you contacted, or tried to (for example "mother")', 2, 200),
      method: z.enum(FOLLOW_UP_METHODS, whenMissing('say how (phone, home visit, message, email)')),
      outcome: z.enum(FOLLOW_UP_OUTCOMES, whenMissing('say whether you made contact')),
      reason: z.string().trim().max(1000).optional(),
      attendanceCode: z.enum(ABSENCE_CODES).optional(),
      nextStep: z.enum(FOLLOW_UP_NEXT_STEPS, whenMissing('say what happens next')).optional(),
      note: z.string().trim().max(2000).optional(),
    })
    .superRefine((input, issue) => {
      const missing = (path: string, message: string) => issue.addIssue({ code: 'custom', path: [path], message });
      if (input.outcome === 'contact_made') {
        if (!input.reason || input.reason.length < 3) missing('reason', 'give the reason the family gave for the absence');
        if (!input.attendanceCode) missing('attendanceCode', 'give the register code the reason leads to');
      }
      if (input.outcome === 'no_contact' && !input.nextStep) missing('nextStep', 'say what happens next (call again, a home visit, or the DSL decides)');
    }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    unexplainedAbsence(placement, input.absenceOn, input.session);
    const on = doneOn(input.on, ctx);
    if (on < input.absenceOn) refuse('on: the follow-up cannot come before the absence.');
    const { reason, attendanceCode, nextStep, ...rest } = input;
    const event = { ...rest, type: 'absence_follow_up' as const, on, ...(input.outcome === 'contact_made' ? { reason, attendanceCode } : { nextStep }) };
    return {
      placement: withEvent(placement, ctx, event),
      summary:
        input.outcome === 'contact_made'
          ? `Absence on ${input.absenceOn} ${input.session} followed up for placement ${placement.id}: contact made (code ${attendanceCode})`
          : `Absence on ${input.absenceOn} ${input.session} followed up for placement ${placement.id}: no contact yet; next step ${nextStep?.replaceAll('_', ' ')}`,
    };
  },
});
