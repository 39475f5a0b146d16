import type { Period } from '../../calendar/schoolCalendar.ts';
import type { HistoryEventType } from '../../placement/events.ts';
import type { PlacementKind } from '../../placement/placement.ts';
import type { ObligationDraft, ObligationType } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

interface PeriodicCheck {
  type: ObligationType;
  kinds: readonly PlacementKind[];
  every: 'term' | 'half_term';
  satisfiedBy: HistoryEventType;
}

/** Once in every term or half-term the placement runs in, by that period's last school day. */
function periodic(check: PeriodicCheck) {
  return (ctx: RuleContext): ObligationDraft[] => {
    const { placement, calendar } = ctx;
    if (placement.status !== 'active' || !check.kinds.includes(placement.kind)) return [];
    const periods: readonly Period[] = check.every === 'term' ? calendar.terms : calendar.halfTerms;
    const drafts: ObligationDraft[] = [];
    for (const period of ctx.periodsSoFar(periods))
      if (!ctx.recordedIn(check.satisfiedBy, period, periods)) drafts.push({ type: check.type, subject: period.name, dueDate: period.lastSchoolDay });
    return drafts;
  };
}

/** 002 §5, 004: the provider reports progress each half-term; the AP lead chases it. */
export const providerReport = periodic({
  type: 'provider_report',
  kinds: ['off_site_ap'],
  every: 'half_term',
  satisfiedBy: 'provider_report',
});

/** 000 §10.6: flexi-schooling is reviewed termly by the headteacher. */
export const flexiReview = periodic({
  type: 'flexi_review',
  kinds: ['flexi_schooling'],
  every: 'term',
  satisfiedBy: 'review',
});

/** 001 §7: the home/school agreement is reviewed at least termly. */
export const homeSchoolAgreementReview = periodic({
  type: 'home_school_agreement_review',
  kinds: ['off_site_ap', 'off_site_direction'],
  every: 'term',
  satisfiedBy: 'home_school_agreement',
});
