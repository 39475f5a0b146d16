import { actorFor, type Actor } from '../core/decisions/decision.ts';
import type { School, StaffMember } from '../core/policy/schoolConfig.ts';

export interface Identified {
  school: School;
  staff: StaffMember;
  actor: Actor;
}

export type PlatformIdentity =
  | { platform: 'teams'; aadObjectId: string; tenantId?: string | undefined }
  | { platform: 'slack'; userId: string; teamId?: string | undefined };

/**
 * Finds the member of staff behind a Teams or Slack user. A Teams user is known only from the
 * school's own tenant, so an activity without one is nobody's; a school that names its Slack
 * workspace only accepts users from it. Teams ids are compared as given, not checked as UUIDs.
 */
export function identify(schools: readonly School[], who: PlatformIdentity): Identified[] {
  return schools.flatMap((school) => {
    const staff = school.config.staff.find((member) => {
      if (who.platform === 'teams') {
        const tenant = member.teams?.tenantId ?? school.config.school.teamsTenantId;
        return member.teams?.aadObjectId === who.aadObjectId && tenant !== undefined && tenant === who.tenantId;
      }
      const team = school.config.school.slackTeamId;
      return member.slack?.userId === who.userId && (team === undefined || team === who.teamId);
    });
    const actor = staff && actorFor(school, staff.id);
    return staff && actor ? [{ school, staff, actor }] : [];
  });
}

/** The opaque id an unknown person is audited under: never a name. */
export function auditIdOf(who: PlatformIdentity): string {
  return who.platform === 'teams' ? `teams:${who.aadObjectId}` : `slack:${who.userId}`;
}

/** Every Entra tenant a school's Teams accounts belong to: the only tenants whose people the bot may know. */
export function teamsTenantsOf(schools: readonly School[]): Set<string> {
  return new Set(
    schools.flatMap((school) => [school.config.school.teamsTenantId, ...school.config.staff.map((m) => m.teams?.tenantId)].filter((t): t is string => t !== undefined)),
  );
}
