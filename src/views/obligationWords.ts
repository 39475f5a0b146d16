import { shortDate } from '../core/calendar/localDate.ts';
import type { Obligation, ObligationType } from '../core/obligations/obligation.ts';

/** What each obligation is called on a card, and what it asks the reader to do. */
const WORDS: Record<ObligationType, { title: string; ask: string }> = {
  placement_review: { title: 'Placement review', ask: 'Hold the placement review with the pupil, parents and provider.' },
  pupil_risk_assessment: { title: 'Pupil risk assessment', ask: "Review the pupil's risk assessment." },
  provider_risk_assessment_renewal: { title: 'Provider risk assessment', ask: "Renew the provider's risk assessment and checks." },
  provider_document_expiry: { title: 'Provider document expiring', ask: 'Ask the provider for the renewed document.' },
  qa_visit: { title: 'Quality-assurance visit', ask: 'Visit the provider and record what you saw.' },
  attendance_confirmation: { title: 'Attendance to confirm', ask: 'Check with the provider and mark the session.' },
  absence_follow_up: { title: 'Absence to follow up', ask: 'Contact the parents about the absence today.' },
  provider_report: { title: 'Provider report', ask: 'Chase the provider for their progress report.' },
  part_time_timetable_approval: { title: 'Part-time timetable approval', ask: 'Approve or decline the part-time timetable.' },
  part_time_timetable_review: { title: 'Part-time timetable review', ask: 'Review the part-time timetable with the pupil and parents.' },
  part_time_timetable_end_decision: { title: 'Part-time timetable ends', ask: 'Decide: back to full time, or propose an extension.' },
  welfare_check: { title: 'Welfare check', ask: 'Check in on the pupil today: no session is in school.' },
  flexi_review: { title: 'Flexi-schooling review', ask: 'Review the flexi-schooling arrangement.' },
  home_school_agreement_review: { title: 'Home/school agreement', ask: 'Review the home/school agreement.' },
  off_site_direction_approval: { title: 'Governor approval', ask: 'Get the governing body to approve the off-site direction.' },
  off_site_direction_parent_notice: { title: 'Notice to parents', ask: 'Send the parents written notice of the direction.' },
  suspension_provision_start: { title: 'Suspension provision', ask: 'Make sure full-time provision has started.' },
  suspension_parent_information: { title: 'Tell the parents', ask: 'Tell the parents about the suspension provision.' },
  la_informed: { title: 'Tell the local authority', ask: 'Let the local authority know about this placement.' },
  reintegration_meeting: { title: 'Reintegration meeting', ask: "Hold the meeting that plans the pupil's return." },
  placement_past_end: { title: 'Placement past its end date', ask: 'End the placement, or extend it.' },
  placement_start: { title: 'Placement to start', ask: 'Finish the checklist and start the placement, or move its start date.' },
  concern_acknowledgement: { title: 'Concern to acknowledge', ask: 'Read the concern and acknowledge it, so the school knows a DSL has it.' },
  concern_decision: { title: 'Decision on a concern', ask: 'Decide what happens next and write down why.' },
};

export function obligationTitle(type: ObligationType): string {
  return WORDS[type].title;
}

export function obligationAsk(type: ObligationType): string {
  return WORDS[type].ask;
}

const SESSION_NAMES: Record<string, string> = { am: 'morning', pm: 'afternoon' };

/** "Fri 13 Feb, morning" for a session; a period or document name as it is. */
export function subjectWords(o: Pick<Obligation, 'subject' | 'session'>): string | null {
  if (o.session) return `${shortDate(o.session.date)}, ${SESSION_NAMES[o.session.session]}`;
  if (o.subject === null) return null;
  return o.subject.replaceAll(/\d{4}-\d{2}-\d{2}/g, (date) => shortDate(date)).replaceAll('_', ' ');
}

/** The date and session an attendance or absence obligation is about, as the obligation carries it. */
export function sessionOf(o: Pick<Obligation, 'session'>): { date: string; session: 'am' | 'pm' } | null {
  return o.session ?? null;
}
