import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const type = 'pupil_risk_assessment' as const;

/**
 * 000 §4.3, 002 §5: assessed before the placement starts, then each half-term and after any
 * concern (only an assessment made after the concern answers it, even on the same day).
 */
export function pupilRiskAssessment(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  if (placement.status === 'ended') return [];
  const assessments = ctx.events('risk_assessment');

  const beforeStart = assessments.length === 0 ? [{ type, subject: 'before start', dueDate: calendar.subtractSchoolDays(placement.start, 1) }] : [];

  const halfTermly = (placement.status === 'active' ? ctx.periodsSoFar(calendar.halfTerms) : [])
    .filter((period) => !ctx.recordedIn('risk_assessment', period, calendar.halfTerms))
    .map((period) => ({ type, subject: period.name, dueDate: period.lastSchoolDay }));

  const afterConcern = ctx
    .events('concern')
    .filter((c) => !assessments.some((a) => ctx.happenedAfter(a, c)))
    .map((c) => ({
      type,
      subject: `${c.category} concern ${c.on}`,
      dueDate: calendar.addSchoolDays(c.on, 1),
      safeguarding: c.category === 'safeguarding',
      raisedBy: 'concern' as const,
    }));

  return [...beforeStart, ...halfTermly, ...afterConcern];
}
