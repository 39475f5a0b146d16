import { instantAt, localDateOf } from '../../calendar/localTime.ts';
import { concernCases, concernSubject } from '../../placement/concerns.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/**
 * KCSIE part 2, 000 §4.4: a DSL acknowledges every concern within the school day it was logged
 * (the next school day when logged after the day's end); if none has by then, the deputy DSLs and
 * the headteacher hear. Once acknowledged, the DSL records a decision with its reason by the next
 * school day.
 */
export function concernSteps(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, school } = ctx;
  if (placement.status === 'ended') return [];
  const { timezone, dayEnd } = school.config.school;
  const cases = concernCases(placement);
  return cases.flatMap((c): ObligationDraft[] => {
    const subject = concernSubject(c, cases);
    if (c.state === 'logged') {
      const loggedAt = c.concern.at ? new Date(c.concern.at) : instantAt(c.concern.on, dayEnd, timezone);
      const loggedOn = localDateOf(loggedAt, timezone);
      const sameDay = calendar.isSchoolDay(loggedOn) && loggedAt < instantAt(loggedOn, dayEnd, timezone);
      const dueDate = sameDay ? loggedOn : calendar.addSchoolDays(loggedOn, 1);
      return [{ type: 'concern_acknowledgement', subject, dueDate, dueAt: instantAt(dueDate, dayEnd, timezone), raisedBy: 'concern' }];
    }
    if (c.state === 'acknowledged' && c.acknowledged)
      return [{ type: 'concern_decision', subject, dueDate: calendar.addSchoolDays(c.acknowledged.on, 1), raisedBy: 'concern' }];
    return [];
  });
}
