import type { DecisionName } from '../core/decisions/index.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { pupilLabel, staffName } from './names.ts';
import type { CardBase, PupilLabel } from './viewModel.ts';
import { moment } from './when.ts';

export interface DoneView extends CardBase {
  card: 'done';
  pupil: PupilLabel;
  /** "Dr A Patel approved the part-time timetable" */
  text: string;
  /** "Fri 13 Feb, 10:42", or for a press already recorded "Already recorded, Fri 13 Feb, 10:42. …" */
  when: string;
}

/** What each decision did, as "<name> <words>". Concern details never appear here. */
const DONE_WORDS: Record<DecisionName, string> = {
  commissionPlacement: 'set up the placement',
  tickChecklistItem: 'ticked a checklist item',
  activatePlacement: 'started the placement',
  updatePlacement: 'updated the placement',
  recordSuspension: 'recorded the suspension',
  proposePartTimeTimetable: 'proposed a part-time timetable',
  approvePartTimeTimetable: 'approved the part-time timetable',
  declinePartTimeTimetable: 'declined the part-time timetable',
  proposeExtension: 'proposed an extension',
  recordParentAgreement: "recorded the parents' agreement",
  logConcern: 'logged a concern; the DSLs have it',
  recordReview: 'recorded the review',
  requestReview: 'recorded a request for a review',
  recordQaVisit: 'recorded the QA visit',
  renewRiskAssessment: 'renewed the risk assessment',
  recordProviderDocument: "recorded the provider's document",
  confirmAttendance: 'confirmed attendance',
  recordAbsenceFollowUp: 'followed up the absence',
  recordAbsenceDecision: 'recorded the DSL decision on the absence',
  acknowledgeConcern: 'acknowledged the concern',
  decideConcern: 'recorded a decision on the concern',
  closeConcern: 'closed the concern',
  recordWelfareCheck: 'recorded the welfare check',
  recordParentNotice: 'recorded that the parents were told',
  recordLaInformed: 'recorded that the local authority was told',
  recordGovernorApproval: "recorded the governors' approval",
  recordHomeSchoolAgreement: 'reviewed the home/school agreement',
  recordProviderReport: "recorded the provider's report",
  recordReintegrationMeeting: 'recorded the reintegration meeting',
  endPlacement: 'ended the placement',
  snoozeNudge: 'snoozed the reminder',
  reassignOwner: 'reassigned the reminders',
};

/**
 * The card after someone acted: who did what and when, and no buttons left to press twice. A
 * press that had already been recorded (a double click, a card sent twice) says so, with the
 * time it was first recorded.
 */
export function done(decision: DecisionName, placement: Placement, by: string, at: Date, school: School, alreadyRecorded = false): DoneView {
  return {
    card: 'done',
    title: alreadyRecorded ? 'Already recorded' : 'Done',
    pupil: pupilLabel(placement),
    text: `${staffName(school, by)} ${DONE_WORDS[decision]}`,
    when: alreadyRecorded ? `Already recorded, ${moment(at, school)}. Nothing new was saved.` : moment(at, school),
    placementId: placement.id,
    version: placement.version,
    participants: [],
    actions: [],
  };
}
