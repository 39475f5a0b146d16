import type { Role } from '../policy/roles.ts';
import type { ObligationType } from './obligation.ts';

/**
 * Who owns each duty, who hears when it slips, and when it slips that far. The one table `ap due`,
 * the nudges and the cards read, so they always name the same people.
 */
interface Route {
  ownerRole: Role;
  escalateToRole: Role | null;
  /** `end_of_day`: escalated once its school day is over (attendance); else some school days late. */
  escalates: 'end_of_day' | 'school_days_late';
}

const apLead = { ownerRole: 'ap_lead', escalateToRole: 'headteacher', escalates: 'school_days_late' } as const;

const ROUTES: Readonly<Record<ObligationType, Readonly<Route>>> = {
  placement_review: apLead,
  pupil_risk_assessment: apLead,
  provider_risk_assessment_renewal: apLead,
  provider_document_expiry: apLead,
  qa_visit: apLead,
  // 000 §4.5, 001 §10: attendance is the office's, and a pupil unaccounted for is the DSL's by the end of the day.
  attendance_confirmation: { ownerRole: 'attendance_officer', escalateToRole: 'dsl', escalates: 'end_of_day' },
  absence_follow_up: { ownerRole: 'attendance_officer', escalateToRole: 'dsl', escalates: 'school_days_late' },
  provider_report: apLead,
  // 000 §9.5: each approver owns their own approval; nobody above them can give it.
  part_time_timetable_approval: { ownerRole: 'headteacher', escalateToRole: null, escalates: 'school_days_late' },
  part_time_timetable_review: apLead,
  part_time_timetable_end_decision: apLead,
  welfare_check: { ownerRole: 'ap_lead', escalateToRole: 'dsl', escalates: 'school_days_late' },
  flexi_review: { ownerRole: 'headteacher', escalateToRole: null, escalates: 'school_days_late' },
  home_school_agreement_review: apLead,
  off_site_direction_approval: apLead,
  off_site_direction_parent_notice: apLead,
  suspension_provision_start: { ownerRole: 'headteacher', escalateToRole: null, escalates: 'school_days_late' },
  suspension_parent_information: { ownerRole: 'headteacher', escalateToRole: null, escalates: 'school_days_late' },
  la_informed: apLead,
  reintegration_meeting: apLead,
  placement_past_end: apLead,
  placement_start: apLead,
  // KCSIE part 2, 000 §4.4: a concern is the DSL's; one no DSL acknowledged in its school day goes to
  // the headteacher (and the deputy DSLs, audience.ts) at the end of that day.
  concern_acknowledgement: { ownerRole: 'dsl', escalateToRole: 'headteacher', escalates: 'end_of_day' },
  concern_decision: { ownerRole: 'dsl', escalateToRole: 'headteacher', escalates: 'school_days_late' },
};

/**
 * The route of one obligation. `safeguarding`: raised by a safeguarding concern, so the DSL hears
 * if it slips (003 §8; domain: review and risk assessment after a concern). `approver`: the role
 * whose own approval is awaited.
 */
export function routeOf(type: ObligationType, cause: { safeguarding?: boolean; approver?: Role } = {}): Readonly<Route> {
  const route = ROUTES[type];
  if (!cause.approver && !cause.safeguarding) return route;
  return {
    ...route,
    ...(cause.approver ? { ownerRole: cause.approver } : {}),
    ...(cause.safeguarding ? { escalateToRole: 'dsl' } : {}),
  };
}
