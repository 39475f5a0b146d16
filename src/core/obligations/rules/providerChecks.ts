import { addMonths, maxDate } from '../../calendar/localDate.ts';
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
  const expiries = new Map<string, string>();
  const note = (type: string, expires: string) => expiries.set(type, maxDate(expiries.get(type) ?? expires, expires));
  for (const doc of provider.documents) note(doc.type, doc.expires);
  for (const doc of ctx.events('provider_document')) note(doc.documentType, doc.expires);

  return [...expiries].map(([documentType, expires]) => ({
    type: 'provider_document_expiry',
    subject: documentType,
    dueDate: expires,
    noticeInCalendarDays: true,
    provider: true,
  }));
}
