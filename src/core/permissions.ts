import { ROLES, type Role } from './policy/roles.ts';

/** Everything a person can ask the bot to do; each decision is an action, and so is reading. */
export const ACTIONS = [
  'commissionPlacement',
  'tickChecklistItem',
  'activatePlacement',
  'updatePlacement',
  'recordSuspension',
  'proposePartTimeTimetable',
  'approvePartTimeTimetable',
  'declinePartTimeTimetable',
  'proposeExtension',
  'recordParentAgreement',
  'logConcern',
  'recordReview',
  'requestReview',
  'recordQaVisit',
  'renewRiskAssessment',
  'recordProviderDocument',
  'confirmAttendance',
  'recordAbsenceFollowUp',
  'recordAbsenceDecision',
  'acknowledgeConcern',
  'decideConcern',
  'closeConcern',
  'recordWelfareCheck',
  'recordParentNotice',
  'recordLaInformed',
  'recordGovernorApproval',
  'recordHomeSchoolAgreement',
  'recordProviderReport',
  'recordReintegrationMeeting',
  'endPlacement',
  'snoozeNudge',
  'reassignOwner',
  'readPlacement',
  'readConcernDetails',
  'readConcernCategories',
  'readSchoolReport',
  'exportAudit',
  'chooseTeamChannel',
] as const;
export type Action = (typeof ACTIONS)[number];

const leaders: readonly Role[] = ['ap_lead', 'headteacher'];
/** The designated safeguarding lead and the deputies (000 §4.4). */
const safeguardingLeads: readonly Role[] = ['dsl', 'deputy_dsl'];
const everyStaffRole: readonly Role[] = ROLES.filter((r) => r !== 'governor');

/** Who may do what by default (shared/docs/domain.md, "People and roles"); a school may change any row. */
export const DEFAULT_PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  commissionPlacement: leaders,
  tickChecklistItem: leaders,
  activatePlacement: leaders,
  updatePlacement: leaders,
  recordSuspension: ['headteacher'],
  // 000 §9.5: any member of staff may propose a part-time timetable; two leaders approve it.
  proposePartTimeTimetable: everyStaffRole,
  approvePartTimeTimetable: leaders,
  declinePartTimeTimetable: leaders,
  proposeExtension: leaders,
  recordParentAgreement: leaders,
  // Anyone may raise a concern; only the DSLs read what it says.
  logConcern: ROLES,
  recordReview: leaders,
  requestReview: [...leaders, ...safeguardingLeads],
  recordQaVisit: leaders,
  renewRiskAssessment: leaders,
  recordProviderDocument: leaders,
  confirmAttendance: ['attendance_officer', 'ap_lead', ...safeguardingLeads],
  recordAbsenceFollowUp: ['attendance_officer', 'ap_lead', ...safeguardingLeads],
  // Nobody could reach the family: what happens next is the DSL's call.
  recordAbsenceDecision: safeguardingLeads,
  acknowledgeConcern: safeguardingLeads,
  decideConcern: safeguardingLeads,
  closeConcern: safeguardingLeads,
  recordWelfareCheck: ['ap_lead', ...safeguardingLeads, 'headteacher', 'staff'],
  recordParentNotice: leaders,
  recordLaInformed: leaders,
  recordGovernorApproval: ['governor', ...leaders],
  recordHomeSchoolAgreement: leaders,
  recordProviderReport: leaders,
  recordReintegrationMeeting: leaders,
  endPlacement: leaders,
  // Further limited to whoever owns the reminder (or the headteacher).
  snoozeNudge: ['ap_lead', 'headteacher', 'attendance_officer'],
  reassignOwner: leaders,
  readPlacement: ['ap_lead', 'headteacher', ...safeguardingLeads, 'attendance_officer'],
  readConcernDetails: safeguardingLeads,
  // The AP lead and headteacher see that a concern of a category was logged, never what it says.
  readConcernCategories: [...safeguardingLeads, ...leaders],
  // Governors monitor the use of AP (000 §4.1) by numbers, never by pupil.
  readSchoolReport: ['governor', ...leaders, ...safeguardingLeads],
  // The audit trail an inspector asks for: leaders take it out of the bot.
  exportAudit: leaders,
  // Where the morning overview of the school's AP duties is posted for the whole team to see.
  chooseTeamChannel: leaders,
};

export type PermissionOverrides = Partial<Record<Action, readonly Role[]>>;

export function rolesAllowed(action: Action, overrides: PermissionOverrides = {}): readonly Role[] {
  return overrides[action] ?? DEFAULT_PERMISSIONS[action];
}

/** The role a person acts in for an action (the first of theirs allowed), or null if none is. */
export function actingRole(roles: readonly Role[], action: Action, overrides: PermissionOverrides = {}): Role | null {
  const allowed = rolesAllowed(action, overrides);
  return roles.find((r) => allowed.includes(r)) ?? null;
}
