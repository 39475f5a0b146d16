import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { deriveObligations } from '../core/obligations/deriveObligations.ts';
import { itemOf, type PlannedNudge } from './planNudges.ts';
import { nextAllowedTime } from './quietHours.ts';

/**
 * Messages a decision sends straight away: a concern goes to every DSL (only they see what it
 * says); an absence followed up with no contact goes to the DSLs; a proposed part-time timetable
 * or extension goes to the people who must approve it. `placement` has its attendance marks.
 */
export function followUpsOf(decision: string, placement: Placement, key: string, actorId: string, school: School, now: Date): PlannedNudge[] {
  const staffWith = (role: string) => school.config.staff.filter((s) => s.roles.some((r) => r === role)).map((s) => s.id);
  if (decision === 'logConcern') {
    const concern = placement.history.findLast((e) => e.type === 'concern' && e.key === key);
    if (!concern || concern.type !== 'concern') return [];
    const urgent = concern.category === 'safeguarding';
    return staffWith('dsl').map((staffId) => ({
      dedupeKey: `concern|${placement.id}|${key}|${staffId}`,
      staffId,
      message: { kind: 'concern_alert', schoolId: school.id, placementId: placement.id, concernKey: key },
      notBefore: nextAllowedTime(now, school, urgent),
    }));
  }
  if (decision === 'recordAbsenceFollowUp') {
    // 001 §10: nobody could reach the family; the DSL hears now, not at the end of the day.
    const followUp = placement.history.findLast((e) => e.type === 'absence_follow_up' && e.key === key);
    if (followUp?.type !== 'absence_follow_up' || followUp.outcome !== 'no_contact') return [];
    const subject = `${followUp.absenceOn ?? followUp.on} ${followUp.session}`;
    const open = deriveObligations(placement, school, now).find((o) => o.type === 'absence_follow_up' && o.subject === subject);
    if (!open) return [];
    return staffWith('dsl').map((staffId) => ({
      dedupeKey: `no-contact|${placement.id}|${key}|${staffId}`,
      staffId,
      message: { kind: 'reminder', schoolId: school.id, item: itemOf(placement, open) },
      notBefore: nextAllowedTime(now, school, true),
    }));
  }
  if (decision === 'proposePartTimeTimetable' || decision === 'proposeExtension') {
    const approvers = new Set([...staffWith('headteacher'), ...staffWith('ap_lead')]);
    approvers.delete(actorId);
    return [...approvers].map((staffId) => ({
      dedupeKey: `approval|${placement.id}|${key}|${staffId}`,
      staffId,
      message: { kind: 'approval_request', schoolId: school.id, placementId: placement.id },
      notBefore: nextAllowedTime(now, school),
    }));
  }
  return [];
}
