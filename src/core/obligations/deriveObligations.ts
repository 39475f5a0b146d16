import { SAFEGUARDING_TYPES } from './audience.ts';
import { instantAt, localDateOf } from '../calendar/localTime.ts';
import type { Placement } from '../placement/placement.ts';
import type { AttendanceRegister } from '../placement/attendanceRegister.ts';
import type { School } from '../policy/schoolConfig.ts';
import { OBLIGATION_TYPES, type Obligation, type ObligationDraft } from './obligation.ts';
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
import { byCodeUnits } from '../byCodeUnits.ts';
import { sortInPlace } from '../sortInPlace.ts';

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

// The locale's order (localeCompare), asking the collator only where plain comparison could differ
// from it. It does not for dates (YYYY-MM-DD), nor for obligation types (lowercase words joined by
// '_', ranked once), nor for two ids or codes written alike: both in capitals, digits, spaces and
// hyphens; both in lowercase, digits, spaces and hyphens; or both in lowercase words joined by '_'
// (a role). That is what a due list mostly compares. The collator, and the locale tables it loads,
// are built the first time text outside that is compared.
const TYPE_RANK: ReadonlyMap<string, number> = new Map([...OBLIGATION_TYPES].sort(byCodeUnits).map((type, rank) => [type, rank]));
const WRITTEN_ALIKE = [/^[A-Z0-9 -]*$/, /^[a-z0-9 -]*$/, /^[a-z_]*$/];
let collator: Intl.Collator | undefined;

function collate(a: string, b: string): number {
  if (a === b) return 0;
  if (WRITTEN_ALIKE.some((alike) => alike.test(a) && alike.test(b))) return byCodeUnits(a, b);
  return (collator ??= new Intl.Collator()).compare(a, b);
}

export function compareObligations(a: Obligation, b: Obligation): number {
  return (
    byCodeUnits(a.dueDate, b.dueDate) ||
    (TYPE_RANK.get(a.type) ?? 0) - (TYPE_RANK.get(b.type) ?? 0) ||
    collate(a.placementId, b.placementId) ||
    collate(a.subject ?? '', b.subject ?? '')
  );
}

/**
 * Every open obligation of a placement at `now`, on its school's calendar: what is owed, by whom,
 * by when, and how late it is. Pure: the same placement, school and instant give the same answer.
 * Its attendance marks are those in its history, and those of `attendance` when given: a store's
 * register of the marks it keeps apart from the placement (which its history must then not carry).
 */
export function deriveObligations(placement: Placement, school: School, now: Date, attendance?: AttendanceRegister): Obligation[] {
  if (placement.status === 'ended') return [];
  if (placement.kind === 'suspension_provision' && !owesSuspensionProvision(placement)) return [];
  const { timezone, dayEnd } = school.config.school;
  const ctx = createRuleContext(placement, school, now, localDateOf(now, timezone), attendance);
  const obligations: Obligation[] = [];
  for (const rule of RULES) for (const draft of rule(ctx)) obligations.push(obligationOf(draft, ctx, dayEnd, timezone));
  return sortInPlace(obligations, compareObligations);
}

function obligationOf(draft: ObligationDraft, ctx: RuleContext, dayEnd: string, timezone: string): Obligation {
  const { placement } = ctx;
  const dueAt = draft.dueAt ?? instantAt(draft.dueDate, dayEnd, timezone);
  const { ownerRole, escalateToRole } = routeOf(draft.type, draft);
  const providerId = draft.provider ? (placement.provider?.id ?? null) : null;
  const stage = stageOf(draft, dueAt, ctx);
  const safeguarding = draft.safeguarding === true || SAFEGUARDING_TYPES.has(draft.type);
  const raisedBy = draft.raisedBy ?? null;
  const session = draft.session ?? null;
  const { type, subject, dueDate, warning } = draft;
  // Two literals, so each keeps one shape and `warning` its place among the fields.
  return warning
    ? { placementId: placement.id, providerId, type, subject, ownerRole, escalateToRole, dueDate, dueAt, stage, warning, safeguarding, raisedBy, session }
    : { placementId: placement.id, providerId, type, subject, ownerRole, escalateToRole, dueDate, dueAt, stage, safeguarding, raisedBy, session };
}
