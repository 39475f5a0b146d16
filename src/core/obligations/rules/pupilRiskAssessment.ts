import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const owner = { type: 'pupil_risk_assessment', ownerRole: 'ap_lead', escalateToRole: 'headteacher' } as const;

/** 000 §4.3, 002 §5: assessed before the placement starts, then each half-term and after any concern. */
export function pupilRiskAssessment(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  if (placement.status === 'ended') return [];
  const assessments = ctx.events('risk_assessment');
  const assessedSince = (date: string) => assessments.some((a) => a.on >= date);

  const beforeStart =
    assessments.length === 0
      ? [{ ...owner, subject: 'before start', dueDate: calendar.subtractSchoolDays(placement.start, 1) }]
      : [];

  const halfTermly = (placement.status === 'active' ? ctx.periodsSoFar(calendar.halfTerms) : [])
    .filter((period) => !ctx.recordedIn('risk_assessment', period, calendar.halfTerms))
    .map((period) => ({ ...owner, subject: period.name, dueDate: period.lastSchoolDay }));

  const afterConcern = ctx
    .events('concern')
    .filter((c) => !assessedSince(c.on))
    .map((c) => ({ ...owner, subject: `${c.category} concern ${c.on}`, dueDate: calendar.addSchoolDays(c.on, 1) }));

  return [...beforeStart, ...halfTermly, ...afterConcern];
}
