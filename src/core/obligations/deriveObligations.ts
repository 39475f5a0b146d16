import { SAFEGUARDING_TYPES } from './audience.ts';
import { instantAt, localDateOf } from '../calendar/localTime.ts';
import type { Placement } from '../placement/placement.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { Obligation, ObligationDraft } from './obligation.ts';
import { createRuleContext, type RuleContext } from './ruleContext.ts';
import { routeOf } from './routes.ts';
import { stageOf } from './stage.ts';
import { absenceFollowUp, attendanceConfirmation } from './rules/attendance.ts';
import { offSiteDirectionApproval, offSiteDirectionParentNotice } from './rules/offSiteDirection.ts';
import {
  partTimeTimetableApproval,
  partTimeTimetableEndDecision,
  partTimeTimetableReview,
  welfareCheck,
} from './rules/partTimeTimetable.ts';
import { flexiReview, homeSchoolAgreementReview, providerReport } from './rules/periodicChecks.ts';
import { concernSteps } from './rules/concerns.ts';
import { laInformed, placementPastEnd, placementStart, reintegrationMeeting } from './rules/placementLifecycle.ts';
import { placementReview } from './rules/placementReview.ts';
import { providerDocumentExpiry, providerRiskAssessmentRenewal } from './rules/providerChecks.ts';
import { pupilRiskAssessment } from './rules/pupilRiskAssessment.ts';
import { qaVisit } from './rules/qaVisit.ts';
import { owesSuspensionProvision, suspensionParentInformation, suspensionProvisionStart } from './rules/suspension.ts';

type Rule = (ctx: RuleContext) => ObligationDraft[];

const RULES: readonly Rule[] = [
  placementReview,
  pupilRiskAssessment,
  providerRiskAssessmentRenewal,
  providerDocumentExpiry,
  qaVisit,
  attendanceConfirmation,
  absenceFollowUp,
  providerReport,
  partTimeTimetableApproval,
  partTimeTimetableReview,
  partTimeTimetableEndDecision,
  welfareCheck,
  flexiReview,
  homeSchoolAgreementReview,
  offSiteDirectionApproval,
  offSiteDirectionParentNotice,
  suspensionProvisionStart,
  suspensionParentInformation,
  laInformed,
  reintegrationMeeting,
  placementPastEnd,
  placementStart,
  concernSteps,
];

// localeCompare's order, without building a collator on every call.
const { compare } = new Intl.Collator();

export function compareObligations(a: Obligation, b: Obligation): number {
  return (
    compare(a.dueDate, b.dueDate) ||
    compare(a.type, b.type) ||
    compare(a.placementId, b.placementId) ||
    compare(a.subject ?? '', b.subject ?? '')
  );
}

/**
 * Every open obligation of a placement at `now`, on its school's calendar: what is owed, by whom,
 * by when, and how late it is. Pure: the same placement, school and instant give the same answer.
 */
export function deriveObligations(placement: Placement, school: School, now: Date): Obligation[] {
  if (placement.status === 'ended') return [];
  if (placement.kind === 'suspension_provision' && !owesSuspensionProvision(placement)) return [];
  const { timezone, dayEnd } = school.config.school;
  const ctx = createRuleContext(placement, school, now, localDateOf(now, timezone));

  return RULES.flatMap((rule) => rule(ctx))
    .map((draft): Obligation => {
      const dueAt = draft.dueAt ?? instantAt(draft.dueDate, dayEnd, timezone);
      const { ownerRole, escalateToRole } = routeOf(draft.type, draft);
      return {
        placementId: placement.id,
        providerId: draft.provider ? (placement.provider?.id ?? null) : null,
        type: draft.type,
        subject: draft.subject,
        ownerRole,
        escalateToRole,
        dueDate: draft.dueDate,
        dueAt,
        stage: stageOf(draft, dueAt, ctx),
        ...(draft.warning ? { warning: draft.warning } : {}),
        safeguarding: draft.safeguarding === true || SAFEGUARDING_TYPES.has(draft.type),
        raisedBy: draft.raisedBy ?? null,
        session: draft.session ?? null,
      };
    })
    .sort(compareObligations);
}
