import type { Action } from '../permissions.ts';
import type { Decision } from './decision.ts';
import { acknowledgeConcern } from './acknowledgeConcern.ts';
import { activatePlacement } from './activatePlacement.ts';
import { approvePartTimeTimetable } from './approvePartTimeTimetable.ts';
import { closeConcern } from './closeConcern.ts';
import { commissionPlacement } from './commissionPlacement.ts';
import { confirmAttendance } from './confirmAttendance.ts';
import { decideConcern } from './decideConcern.ts';
import { declinePartTimeTimetable } from './declinePartTimeTimetable.ts';
import { endPlacement } from './endPlacement.ts';
import { logConcern } from './logConcern.ts';
import { proposeExtension } from './proposeExtension.ts';
import { proposePartTimeTimetable } from './proposePartTimeTimetable.ts';
import { reassignOwner } from './reassignOwner.ts';
import { recordAbsenceDecision } from './recordAbsenceDecision.ts';
import { recordAbsenceFollowUp } from './recordAbsenceFollowUp.ts';
import { recordGovernorApproval } from './recordGovernorApproval.ts';
import { recordHomeSchoolAgreement } from './recordHomeSchoolAgreement.ts';
import { recordLaInformed } from './recordLaInformed.ts';
import { recordParentAgreement } from './recordParentAgreement.ts';
import { recordParentNotice } from './recordParentNotice.ts';
import { recordProviderDocument } from './recordProviderDocument.ts';
import { recordProviderReport } from './recordProviderReport.ts';
import { recordQaVisit } from './recordQaVisit.ts';
import { recordReintegrationMeeting } from './recordReintegrationMeeting.ts';
import { recordReview } from './recordReview.ts';
import { recordSuspension } from './recordSuspension.ts';
import { recordWelfareCheck } from './recordWelfareCheck.ts';
import { renewRiskAssessment } from './renewRiskAssessment.ts';
import { requestReview } from './requestReview.ts';
import { snoozeNudge } from './snoozeNudge.ts';
import { tickChecklistItem } from './tickChecklistItem.ts';
import { updatePlacement } from './updatePlacement.ts';

const ALL: readonly Decision[] = [
  commissionPlacement,
  tickChecklistItem,
  activatePlacement,
  updatePlacement,
  recordSuspension,
  proposePartTimeTimetable,
  approvePartTimeTimetable,
  declinePartTimeTimetable,
  proposeExtension,
  recordParentAgreement,
  logConcern,
  recordReview,
  requestReview,
  recordQaVisit,
  renewRiskAssessment,
  recordProviderDocument,
  confirmAttendance,
  recordAbsenceFollowUp,
  recordAbsenceDecision,
  acknowledgeConcern,
  decideConcern,
  closeConcern,
  recordWelfareCheck,
  recordParentNotice,
  recordLaInformed,
  recordGovernorApproval,
  recordHomeSchoolAgreement,
  recordProviderReport,
  recordReintegrationMeeting,
  endPlacement,
  snoozeNudge,
  reassignOwner,
];

/** Every decision staff can record, by name (the name is also its permission and card verb). */
export const DECISIONS: ReadonlyMap<string, Decision> = new Map(ALL.map((d) => [d.name, d]));

export type DecisionName = Exclude<Action, 'readPlacement' | 'readConcernDetails' | 'readConcernCategories' | 'readSchoolReport' | 'exportAudit' | 'chooseTeamChannel'>;
