import type { DecisionName } from '../core/decisions/index.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { HistoryEvent } from '../core/placement/events.ts';
import { REASON_TITLES } from './endPlacementForm.ts';
import { pupilLabel, sentence, staffName } from './names.ts';
import { MARK_TITLES } from './reminderActions.ts';
import { OUTCOME_TITLES } from './reviewForm.ts';
import type { CardBase, PupilLabel } from './viewModel.ts';
import { moment } from './when.ts';

export interface DoneView extends CardBase {
  card: 'done';
  pupil: PupilLabel;
  /** "Dr A Patel approved the part-time timetable" */
  text: string;
  /** What was recorded, in a line: "What happens next: carry on as planned", "Quiet until Thu 12 Feb, 08:00: parents away"; empty when the decision says it all. */
  recorded: string;
  /** "Fri 13 Feb, 10:42", or for a press already recorded "Already recorded, Fri 13 Feb, 10:42. …" */
  when: string;
}

/** An attendance mark as the decision recorded it (marks live beside the placement, not in its history). */
export interface MarkRecorded {
  date: LocalDate;
  session: 'am' | 'pm';
  mark: string;
}

const SESSION_WORDS = { am: 'morning', pm: 'afternoon' } as const;
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The line under "Ms R Okafor recorded the review" saying what was recorded; never a concern's details. */
function recordedLine(placement: Placement, at: Date, school: School, mark: MarkRecorded | undefined): string {
  if (mark) return `${shortDate(mark.date)}, ${SESSION_WORDS[mark.session]}: ${MARK_TITLES[mark.mark as keyof typeof MARK_TITLES] ?? sentence(mark.mark)}`;
  const e = placement.history.findLast((h) => h.at === at.toISOString()) as (HistoryEvent & Record<string, unknown>) | undefined;
  if (!e) return '';
  switch (e.type) {
    case 'review': {
      const outcome = OUTCOME_TITLES[e['outcome'] as keyof typeof OUTCOME_TITLES];
      const next = str(e['nextReviewOn']);
      return [outcome && `What happens next: ${lower(outcome)}`, next && `next review ${shortDate(next)}`].filter(Boolean).join('; ');
    }
    case 'snooze':
      return `Quiet until ${e.untilAt ? moment(new Date(e.untilAt), school) : shortDate(e.until)}, because: ${e.reason}`;
    case 'qa_visit':
      return `Visited ${shortDate(e.on)}${str(e['outcome']) ? `: ${String(e['outcome']).replaceAll('_', ' ')}` : ''}${str(e['actions']) ? '; the actions agreed are on the record' : ''}`;
    case 'decline':
      return `Why not: ${e.reason}`;
    case 'ended':
      return `${REASON_TITLES[e.reason]}; last day ${shortDate(e.on)}`;
    case 'reassign':
      return `Now with ${staffName(school, e.to)}`;
    case 'provider_document':
      return `New expiry ${shortDate(e.expires)}`;
    case 'welfare_check':
    case 'parent_notice':
      return str(e['method']) ? `${sentence(String(e['method']))}, ${shortDate(e.on)}` : shortDate(e.on);
    case 'absence_follow_up': {
      const absence = `for ${shortDate(e.absenceOn ?? e.on)} ${SESSION_WORDS[e.session]}`;
      if (e.outcome === 'contact_made') return `Contact made ${absence}: ${str(e['reason']) ?? ''} (code ${str(e['attendanceCode']) ?? '?'})`;
      if (e.outcome === 'no_contact') return `No contact yet ${absence}; the DSL has been told. Next: ${String(e['nextStep'] ?? '').replaceAll('_', ' ')}`;
      return str(e['contact']) ? `${sentence(String(e['contact']))}, ${absence}` : '';
    }
    case 'absence_decision':
      return `For ${shortDate(e.absenceOn)} ${SESSION_WORDS[e.session]}: ${e.action.replaceAll('_', ' ')}`;
    case 'risk_assessment':
    case 'provider_risk_assessment':
      return [`Assessed ${shortDate(e.on)}`, str(e['level']) && `risk ${String(e['level'])}`, str(e['nextReviewOn']) && `next review ${shortDate(String(e['nextReviewOn']))}`].filter(Boolean).join('; ');
    case 'activated':
      return Array.isArray(e['outstanding']) ? `Started with ${e['outstanding'].length} check(s) outstanding, because: ${str(e['reason']) ?? ''}` : '';
    default:
      return '';
  }
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
  confirmAttendance: 'marked attendance',
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

/** What an audited decision did, in the words of its done card ("recorded the review"); an action that is no decision is left to its summary. */
export function decisionWords(action: string): string | undefined {
  return Object.hasOwn(DONE_WORDS, action) ? DONE_WORDS[action as DecisionName] : undefined;
}

/**
 * The card after someone acted: who did what and when, and no buttons left to press twice. A
 * press that had already been recorded (a double click, a card sent twice) says so, with the
 * time it was first recorded.
 */
export function done(decision: DecisionName, placement: Placement, by: string, at: Date, school: School, alreadyRecorded = false, mark?: MarkRecorded): DoneView {
  return {
    card: 'done',
    title: alreadyRecorded ? 'Already recorded' : 'Done',
    pupil: pupilLabel(placement),
    text: `${staffName(school, by)} ${DONE_WORDS[decision]}`,
    recorded: recordedLine(placement, at, school, mark),
    when: alreadyRecorded ? `Already recorded, ${moment(at, school)}. Nothing new was saved.` : moment(at, school),
    placementId: placement.id,
    version: placement.version,
    participants: [],
    actions: [],
  };
}
