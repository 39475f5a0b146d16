import type { Placement } from '../placement/placement.ts';
import type { Role } from '../policy/roles.ts';
import type { School } from '../policy/schoolConfig.ts';
import type { Obligation } from './obligation.ts';

/** Whether a person hears of an obligation as its owner, or because it was passed up to them. */
export type Involvement = 'owner' | 'escalated';

/** Unexplained absence and the steps of a concern are safeguarding matters whatever raised them. */
export const SAFEGUARDING_TYPES: ReadonlySet<Obligation['type']> = new Set(['absence_follow_up', 'concern_acknowledgement', 'concern_decision']);

/** The DSL's business, never a shared channel's: an obligation says so itself (`safeguarding`). */
export function isSafeguarding(o: Pick<Obligation, 'type' | 'safeguarding'>): boolean {
  return o.safeguarding === true || SAFEGUARDING_TYPES.has(o.type);
}

/**
 * What the AP team channel may show: late or due today, and never a safeguarding matter, anything
 * a concern set off, anything the DSL owns, or a single attendance session (each officer has
 * their own list of those).
 */
export function forTeamChannel(o: Pick<Obligation, 'type' | 'stage' | 'safeguarding' | 'raisedBy' | 'ownerRole' | 'escalateToRole'>): boolean {
  return (
    (o.stage === 'due' || o.stage === 'overdue' || o.stage === 'escalated') &&
    !isSafeguarding(o) &&
    o.raisedBy !== 'concern' &&
    o.ownerRole !== 'dsl' &&
    o.escalateToRole !== 'dsl' &&
    o.type !== 'attendance_confirmation'
  );
}

function holders(school: School, role: Role): string[] {
  return school.config.staff.filter((s) => s.roles.includes(role)).map((s) => s.id);
}

/** Who hears of an obligation at one school, and how (see `audienceAt`). */
export type Audience = (placement: Placement, o: Obligation) => Map<string, Involvement>;

/**
 * Everyone who hears of an obligation, and how: its owner (the person named for the role, else
 * everyone holding it); once it escalates, the role it escalates to; the DSL for an unexplained
 * absence from the start and for any escalated safeguarding matter; the deputy DSLs for a concern
 * no DSL acknowledged in the day. Nudges and each person's `due` read this one rule.
 *
 * Made once for many obligations of one school (a sweep, a school's due lists): who holds each
 * role is looked up once, not once per obligation. Read it within one piece of work; a change to
 * the staff list is seen by the next.
 */
export function audienceAt(school: School): Audience {
  const byRole = new Map<Role, readonly string[]>();
  const holding = (role: Role): readonly string[] => {
    let ids = byRole.get(role);
    if (!ids) byRole.set(role, (ids = holders(school, role)));
    return ids;
  };
  return (placement, o) => {
    const people = new Map<string, Involvement>();
    const named = placement.owners?.[o.ownerRole];
    if (named) people.set(named, 'owner');
    else for (const id of holding(o.ownerRole)) people.set(id, 'owner');
    const escalated = o.stage === 'escalated';
    if (escalated && o.escalateToRole) passTo(people, holding(o.escalateToRole));
    if (o.type === 'absence_follow_up' || (escalated && isSafeguarding(o))) passTo(people, holding('dsl'));
    if (escalated && (o.type === 'concern_acknowledgement' || o.type === 'concern_decision')) passTo(people, holding('deputy_dsl'));
    return people;
  };
}

/** Those of `ids` not already told hear of it because it was passed up to them. */
function passTo(people: Map<string, Involvement>, ids: readonly string[]): void {
  for (const id of ids) if (!people.has(id)) people.set(id, 'escalated');
}
