import type { StaffMember } from './schoolConfig.ts';

/** An email address as mail systems compare it: case and surrounding spaces do not matter. */
export function emailKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * The member of staff whose work email is one of these addresses (a Teams user's email or UPN, a
 * Slack profile's email); nobody when none matches, or when two staff share the address.
 */
export function staffByEmail(staff: readonly StaffMember[], addresses: readonly (string | undefined)[]): StaffMember | undefined {
  const keys = new Set(addresses.flatMap((a) => (a && a.includes('@') ? [emailKey(a)] : [])));
  const found = staff.filter((member) => member.email !== undefined && keys.has(emailKey(member.email)));
  return found.length === 1 ? found[0] : undefined;
}
