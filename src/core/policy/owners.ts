import { actingRole, type Action } from '../permissions.ts';
import type { Role } from './roles.ts';
import type { School, StaffMember } from './schoolConfig.ts';

/**
 * What a role's duties ask their owner to record. Someone else may own them on a placement only
 * if the school lets them do all of it; a role missing here (the headteacher's own approval) is
 * owned only by those who hold it.
 */
const WORK: Partial<Record<Role, readonly Action[]>> = {
  ap_lead: ['recordReview', 'recordQaVisit', 'renewRiskAssessment', 'recordProviderDocument', 'recordProviderReport', 'recordLaInformed', 'recordHomeSchoolAgreement', 'recordReintegrationMeeting', 'recordWelfareCheck', 'endPlacement'],
  attendance_officer: ['confirmAttendance', 'recordAbsenceFollowUp'],
  dsl: ['acknowledgeConcern', 'decideConcern', 'closeConcern', 'readConcernDetails'],
};

/**
 * Everyone who can own a role's duties on a placement: those who hold the role, and anyone the
 * school allows to do all that those duties ask. Reassign offers exactly these people and the
 * decision accepts only them.
 */
export function staffWhoCanOwn(school: School, role: Role): StaffMember[] {
  const work = WORK[role];
  const permissions = school.config.permissions;
  return school.config.staff.filter((s) => s.roles.includes(role) || (work !== undefined && work.every((action) => actingRole(s.roles, action, permissions) !== null)));
}
