import type { LocalDate } from '../calendar/localDate.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { Obligation } from './obligation.ts';

/** Names one obligation of a placement: `placement_review:Spring 2026 first half`. */
export function obligationKey(o: Pick<Obligation, 'type' | 'subject'>): string {
  return o.subject === null ? o.type : `${o.type}:${o.subject}`;
}

/** The school day an obligation goes to its escalation role if still open. */
export function escalatesOn(o: Pick<Obligation, 'dueDate'>, school: School): LocalDate {
  return school.calendar.addSchoolDays(o.dueDate, school.config.policy.escalateAfterSchoolDays + 1);
}
