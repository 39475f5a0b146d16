import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const owner = { type: 'placement_review', ownerRole: 'ap_lead', escalateToRole: 'headteacher' } as const;

/**
 * 000 §8.2-8.3: a formal review at least once in every half-term the placement runs in.
 * 003 §8: a safeguarding concern means an immediate review (the next school day).
 * 001 §7: a review asked for by parents or the local authority.
 */
export function placementReview(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.status !== 'active') return [];
  const periods = policy.reviewFrequency === 'term' ? calendar.terms : calendar.halfTerms;
  const reviewedSince = (date: string) => ctx.events('review').some((r) => r.on >= date);

  const periodic = ctx
    .periodsSoFar(periods)
    .filter((period) => !ctx.recordedIn('review', period, periods))
    .map((period) => ({ ...owner, subject: period.name, dueDate: period.lastSchoolDay }));

  const afterConcern = ctx
    .events('concern')
    .filter((c) => c.category === 'safeguarding' && !reviewedSince(c.on))
    .map((c) => ({ ...owner, subject: `safeguarding concern ${c.on}`, dueDate: calendar.addSchoolDays(c.on, 1) }));

  const onRequest = ctx
    .events('review_request')
    .filter((r) => !reviewedSince(r.on))
    .map((r) => ({ ...owner, subject: `requested ${r.on}`, dueDate: calendar.addSchoolDays(r.on, policy.reviewRequestSchoolDays) }));

  return [...periodic, ...afterConcern, ...onRequest];
}
