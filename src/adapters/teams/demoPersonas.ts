import { ROLES, type Role } from '../../core/policy/roles.ts';
import type { School, StaffMember } from '../../core/policy/schoolConfig.ts';

/**
 * Demo mode only: who each Teams user acts as, so one person in the Agents Playground can try
 * both approvals of a part-time timetable, a DSL alert and an escalation. Kept in memory: a
 * restart puts everyone back as themselves.
 */
export class DemoPersonas {
  readonly #actingAs = new Map<string, string>();

  /** The member of staff this user acts as in this school, if they switched. */
  actingAs(aadObjectId: string, school: School): StaffMember | undefined {
    const staffId = this.#actingAs.get(aadObjectId);
    return staffId === undefined ? undefined : school.config.staff.find((s) => s.id === staffId);
  }

  /** `demo as headteacher`, `demo as ap lead`, `demo as me`: the person now acted as, or what roles there are. */
  switch(aadObjectId: string, school: School, self: StaffMember, roleText: string): { acting: StaffMember } | { unknownRole: readonly Role[] } {
    const wanted = roleText.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (wanted === 'me' || wanted === 'myself') {
      this.#actingAs.delete(aadObjectId);
      return { acting: self };
    }
    const role = ROLES.find((r) => r === wanted);
    const staff = role && school.config.staff.find((s) => s.roles.includes(role));
    if (!staff) return { unknownRole: ROLES.filter((r) => school.config.staff.some((s) => s.roles.includes(r))) };
    if (staff.id === self.id) this.#actingAs.delete(aadObjectId);
    else this.#actingAs.set(aadObjectId, staff.id);
    return { acting: staff };
  }
}
