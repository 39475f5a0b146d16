import type { LocalDate } from '../calendar/localDate.ts';
import type { Role } from '../policy/roles.ts';

export const OBLIGATION_TYPES = [
  'placement_review',
  'pupil_risk_assessment',
  'provider_risk_assessment_renewal',
  'provider_document_expiry',
  'qa_visit',
  'attendance_confirmation',
  'absence_follow_up',
  'provider_report',
  'part_time_timetable_approval',
  'part_time_timetable_review',
  'part_time_timetable_end_decision',
  'welfare_check',
  'flexi_review',
  'home_school_agreement_review',
  'off_site_direction_approval',
  'off_site_direction_parent_notice',
  'suspension_provision_start',
  'suspension_parent_information',
  'la_informed',
  'reintegration_meeting',
  'placement_past_end',
  'placement_start',
  'concern_acknowledgement',
  'concern_decision',
] as const;
export type ObligationType = (typeof OBLIGATION_TYPES)[number];

/** Provider-level obligations: one nudge per provider, however many pupils are placed there. */
export const PROVIDER_OBLIGATIONS: ReadonlySet<ObligationType> = new Set([
  'provider_risk_assessment_renewal',
  'provider_document_expiry',
  'qa_visit',
]);

export const STAGES = ['scheduled', 'upcoming', 'due', 'overdue', 'escalated'] as const;
export type Stage = (typeof STAGES)[number];

/** Something a placement needs done, by whom and by when, as it stands at one moment. */
export interface Obligation {
  placementId: string;
  providerId: string | null;
  type: ObligationType;
  /** Which one of several of the same type: a session, a document type, a role, a period. */
  subject: string | null;
  ownerRole: Role;
  escalateToRole: Role | null;
  /** School-local date it is due. */
  dueDate: LocalDate;
  /** The instant it is due: a cut-off or a clock-hour deadline, else the end of the school day. */
  dueAt: Date;
  stage: Stage;
  /** Something already wrong with how it is planned, said at once ("planned start … is after …"). */
  warning?: string;
  /** A safeguarding matter: the DSL's business, never a shared channel's. */
  safeguarding: boolean;
  /** What set it off besides the calendar: a concern logged, or someone's request; null for a routine duty. */
  raisedBy: RaisedBy | null;
  /** The school session it is about (attendance and its follow-up), or null. */
  session: SessionOf | null;
}

export type RaisedBy = 'concern' | 'request';

/** One session of one school day. */
export interface SessionOf {
  date: LocalDate;
  session: 'am' | 'pm';
}

/** What a rule says before the route (routes.ts) and the stage are worked out. */
export interface ObligationDraft {
  type: ObligationType;
  subject: string | null;
  dueDate: LocalDate;
  /** Set when the obligation is due at an exact instant rather than by the end of the day. */
  dueAt?: Date;
  /** Raised by a safeguarding concern: the DSL hears if it slips. */
  safeguarding?: boolean;
  raisedBy?: RaisedBy;
  session?: SessionOf;
  /** For an approval: the role whose own approval is awaited. */
  approver?: Role;
  /** Expiring documents are chased a number of calendar days ahead, not school days. */
  noticeInCalendarDays?: boolean;
  provider?: boolean;
  warning?: string;
}
