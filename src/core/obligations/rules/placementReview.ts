import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const type = 'placement_review' as const;

/**
 * 000 §8.2-8.3: a formal review at least once in every half-term the placement runs in.
 * 003 §8: a safeguarding concern means an immediate review (the next school day).
 * 001 §7: a review asked for by parents or the local authority.
 * Only a review held after the concern or the request answers it, even on the same day.
 */
export function placementReview(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.status !== 'active') return [];
  const periods = policy.reviewFrequency === 'term' ? calendar.terms : calendar.halfTerms;
  const reviews = ctx.events('review');
  const reviewedAfter = (event: (typeof placement.history)[number]) => reviews.some((r) => ctx.happenedAfter(r, event));

  const periodic = ctx
    .periodsSoFar(periods)
    .filter((period) => !ctx.recordedIn('review', period, periods))
    .map((period) => ({ type, subject: period.name, dueDate: period.lastSchoolDay }));

  const afterConcern = ctx
    .events('concern')
    .filter((c) => c.category === 'safeguarding' && !reviewedAfter(c))
    .map((c) => ({ type, subject: `safeguarding concern ${c.on}`, dueDate: calendar.addSchoolDays(c.on, 1), safeguarding: true, raisedBy: 'concern' as const }));

  const onRequest = ctx
    .events('review_request')
    .filter((r) => !reviewedAfter(r))
    .map((r) => ({ type, subject: `requested ${r.on}`, dueDate: calendar.addSchoolDays(r.on, policy.reviewRequestSchoolDays), raisedBy: 'request' as const }));

  return [...periodic, ...afterConcern, ...onRequest];
}
