import type { HistoryEvent } from '../../placement/events.ts';
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
  const drafts: ObligationDraft[] = [];
  for (const period of ctx.periodsSoFar(periods))
    if (!ctx.recordedIn('review', period, periods)) drafts.push({ type, subject: period.name, dueDate: period.lastSchoolDay });
  for (const c of ctx.events('concern'))
    if (c.category === 'safeguarding' && !reviewedAfter(ctx, reviews, c))
      drafts.push({ type, subject: `safeguarding concern ${c.on}`, dueDate: calendar.addSchoolDays(c.on, 1), safeguarding: true, raisedBy: 'concern' });
  for (const r of ctx.events('review_request'))
    if (!reviewedAfter(ctx, reviews, r))
      drafts.push({ type, subject: `requested ${r.on}`, dueDate: calendar.addSchoolDays(r.on, policy.reviewRequestSchoolDays), raisedBy: 'request' });
  return drafts;
}

/** Whether a review was held after the event. */
function reviewedAfter(ctx: RuleContext, reviews: readonly HistoryEvent[], event: HistoryEvent): boolean {
  return reviews.some((r) => ctx.happenedAfter(r, event));
}
