import { staffByEmail } from '../core/policy/staffByEmail.ts';
import type { School, StaffMember } from '../core/policy/schoolConfig.ts';
import type { ConversationStore } from '../ports/conversationStore.ts';

/** A member of a Teams team as its roster lists them. */
export interface RosterMember {
  /** The Teams user id (29:…), what a 1:1 chat is opened with. */
  id: string;
  aadObjectId?: string | undefined;
  email?: string | undefined;
  userPrincipalName?: string | undefined;
}

export interface RosterMatch {
  staff: StaffMember;
  member: RosterMember & { aadObjectId: string };
}

/**
 * The staff found in a team's roster by their work email (a member's email or UPN). A member of
 * staff whose school file already names a different Teams account keeps it: the file wins.
 */
export function matchRoster(school: School, roster: readonly RosterMember[]): { matched: RosterMatch[]; unmatchedStaff: StaffMember[] } {
  const matched: RosterMatch[] = [];
  for (const member of roster) {
    if (!member.aadObjectId) continue;
    const staff = staffByEmail(school.config.staff, [member.email, member.userPrincipalName]);
    if (!staff || (staff.teams && staff.teams.aadObjectId !== member.aadObjectId)) continue;
    if (matched.some((m) => m.staff.id === staff.id)) continue;
    matched.push({ staff, member: { ...member, aadObjectId: member.aadObjectId } });
  }
  const found = new Set(matched.map((m) => m.staff.id));
  return { matched, unmatchedStaff: school.config.staff.filter((s) => !found.has(s.id) && !s.teams) };
}

/**
 * Records the Teams account found for a member of staff, so the bot knows them when they write
 * and reaches them with nudges. The running schools share these objects; the account itself is
 * kept with their conversation, and `relinkTeamsAccounts` finds it again at the next start.
 */
export function linkTeamsAccount(staff: StaffMember, aadObjectId: string, tenantId: string | undefined): void {
  if (staff.teams) return;
  staff.teams = { aadObjectId, ...(tenantId ? { tenantId } : {}) };
}

/** The Entra object id of the user a stored Teams conversation reaches, if it names one. */
export function aadObjectIdOf(reference: Readonly<Record<string, unknown>>): string | undefined {
  const user = reference.user as { aadObjectId?: unknown } | undefined;
  return typeof user?.aadObjectId === 'string' && user.aadObjectId !== '' ? user.aadObjectId : undefined;
}

/** At start: staff whose Teams account was found from a team's roster get it back from their stored chat. */
export async function relinkTeamsAccounts(schools: readonly School[], conversations: ConversationStore): Promise<void> {
  for (const school of schools)
    for (const staff of school.config.staff) {
      if (staff.teams) continue;
      const stored = await conversations.get(school.id, staff.id, 'teams');
      const aadObjectId = stored && aadObjectIdOf(stored.reference);
      const tenantId = (stored?.reference.conversation as { tenantId?: unknown } | undefined)?.tenantId;
      if (aadObjectId) linkTeamsAccount(staff, aadObjectId, typeof tenantId === 'string' ? tenantId : undefined);
    }
}
