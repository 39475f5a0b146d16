import { addMonths, maxDate } from '../../calendar/localDate.ts';
import { latestDocuments } from '../../provider/provider.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 000 §7.8-7.9: the provider's risk assessment and checks are renewed every 12 months. */
export function providerRiskAssessmentRenewal(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  const provider = placement.provider;
  if (!provider || placement.status === 'ended') return [];
  const recorded = ctx.latest('provider_risk_assessment');
  const last = provider.riskAssessmentOn && recorded ? maxDate(provider.riskAssessmentOn, recorded) : (provider.riskAssessmentOn ?? recorded);
  return [
    {
      type: 'provider_risk_assessment_renewal',
      subject: null,
      dueDate: last ? addMonths(last, 12) : calendar.subtractSchoolDays(placement.start, 1),
      provider: true,
    },
  ];
}

/** 002 App E, 000 §7.8: insurance, safeguarding training and certificates, chased before they expire. */
export function providerDocumentExpiry(ctx: RuleContext): ObligationDraft[] {
  const { placement } = ctx;
  const provider = placement.provider;
  if (!provider || placement.status === 'ended') return [];
  const recorded = ctx.events('provider_document').map((doc) => ({ type: doc.documentType, expires: doc.expires }));
  return latestDocuments([provider.documents, recorded]).map((doc) => ({
    type: 'provider_document_expiry',
    subject: doc.type,
    dueDate: doc.expires,
    noticeInCalendarDays: true,
    provider: true,
  }));
}
