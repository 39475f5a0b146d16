import { isValidLocalDate, type LocalDate } from '../core/calendar/localDate.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { Actor } from '../core/decisions/decision.ts';
import { compareObligations, deriveObligations } from '../core/obligations/deriveObligations.ts';
import { audienceAt, type Involvement } from '../core/obligations/audience.ts';
import type { Obligation } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { Provider } from '../core/provider/provider.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { PlacementStore } from '../ports/placementStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';
import type { PlacementDue } from '../nudges/planNudges.ts';
import { asItStands, providersOf } from './asItStands.ts';
import type { OpenAtSchool } from './openAtSchool.ts';

export interface ReadStores {
  placements: PlacementStore;
  attendance: AttendanceStore;
  providers: ProviderStore;
  /** Where the stores have one writer, what is open at each school, kept between writes (see `rememberOpenPlacements`). */
  openAtSchool?: OpenAtSchool;
}

export type PlacementWithObligations = PlacementDue;

/**
 * A placement as it stands at `now` (attendance marks and provider record merged in, for a view),
 * and what is open on it, worked out from the marks it reads (one read of the store, as MongoDB
 * would otherwise be asked twice).
 */
export async function withObligations(stores: ReadStores, school: School, stored: Placement, now: Date, providers?: ReadonlyMap<string, Provider>): Promise<PlacementDue> {
  const placement = await asItStands(stores, school.id, stored, providers);
  return { placement, obligations: deriveObligations(placement, school, now) };
}

/**
 * What is open on a placement at `now`, worked out from its attendance register in the store
 * rather than its marks, so a placement costs the same however long it has run. The placement
 * comes back without the store's marks in its history: what a sweep needs (a nudge shows none).
 */
export async function dueFromRegister(stores: ReadStores, school: School, stored: Placement, now: Date, providers?: ReadonlyMap<string, Provider>): Promise<PlacementDue> {
  const placement = await asItStands(stores, school.id, stored, providers, { withoutMarks: true });
  const attendance = await stores.attendance.registerFor(school.id, stored.id);
  return { placement, obligations: deriveObligations(placement, school, now, attendance) };
}

/** Whether an obligation is this person's: they hold its role and nobody else was named for it. */
export function owns(actor: Actor, placement: Placement, obligation: Obligation): boolean {
  const named = placement.owners?.[obligation.ownerRole];
  return named === undefined ? actor.roles.includes(obligation.ownerRole) : named === actor.staffId;
}

/** Open placements of a school with what is open on each, attendance included (shared: read, never change). */
export function openPlacements(stores: ReadStores, school: School, now: Date): Promise<readonly PlacementWithObligations[]> {
  const derive = () => deriveOpenPlacements(stores, school, now);
  return stores.openAtSchool ? stores.openAtSchool.read(school, now, derive) : derive();
}

async function deriveOpenPlacements(stores: ReadStores, school: School, now: Date): Promise<PlacementWithObligations[]> {
  const records = await stores.placements.list(school.id, { status: ['proposed', 'active'] });
  const providers = await providersOf(stores, school.id);
  return Promise.all(records.map(({ placement }) => withObligations(stores, school, placement, now, providers)));
}

/** Part-time timetables waiting for this person's approval, whether or not the approval is due yet. */
export function approvalsWaitingFor(open: readonly PlacementWithObligations[], actor: Actor): Placement[] {
  return open
    .filter(({ placement, obligations }) => obligations.some((o) => o.type === 'part_time_timetable_approval' && owns(actor, placement, o)))
    .map(({ placement }) => placement);
}

/** A provider's check listed once, however many pupils are placed there (the first pupil's stands for all). */
export function oncePerProvider<T extends { placement: Placement; obligation: Obligation }>(items: readonly T[]): T[] {
  const listed = new Map<string, T>();
  for (const item of items) {
    const { placement, obligation: o } = item;
    const key = o.providerId ? `provider:${o.providerId}|${o.type}|${o.subject ?? ''}|${o.dueDate}` : `${placement.id}|${obligationKey(o)}`;
    if (!listed.has(key)) listed.set(key, item);
  }
  return [...listed.values()];
}

/**
 * What a person needs to do now (not what is merely scheduled), soonest first: what they own and
 * what has been passed up to them, each marked, exactly as the nudges reach them; a provider's
 * check once.
 */
export async function dueFor(stores: ReadStores, school: School, actor: Actor, now: Date): Promise<DueItem[]> {
  return dueIn(await openPlacements(stores, school, now), school, actor);
}

/** `dueFor`, from open placements already read (for a view that also shows other things about them). */
export function dueIn(open: readonly PlacementWithObligations[], school: School, actor: Actor): DueItem[] {
  return oncePerProvider(dueByPerson(school, open).get(actor.staffId) ?? []).sort((a, b) => compareObligations(a.obligation, b.obligation));
}

export interface DueItem {
  placement: Placement;
  obligation: Obligation;
  involvement: Involvement;
}

// Each obligation's audience is worked out once for everyone it reaches, and, for a school's shared
// list (frozen, see `openPlacements`), kept with it: a crowd asking at once each only picks theirs.
const dueByPersonOf = new WeakMap<readonly PlacementWithObligations[], ReadonlyMap<string, readonly DueItem[]>>();

/** What is due now for each person, in the order of the open placements and their obligations. */
function dueByPerson(school: School, open: readonly PlacementWithObligations[]): ReadonlyMap<string, readonly DueItem[]> {
  const known = dueByPersonOf.get(open);
  if (known) return known;
  const shared = Object.isFrozen(open);
  const byPerson = new Map<string, DueItem[]>();
  const audience = audienceAt(school);
  for (const { placement, obligations } of open)
    for (const obligation of obligations) {
      if (obligation.stage === 'scheduled') continue;
      for (const [staffId, involvement] of audience(placement, obligation)) {
        const item: DueItem = { placement, obligation, involvement };
        if (shared) Object.freeze(item);
        const items = byPerson.get(staffId);
        if (items) items.push(item);
        else byPerson.set(staffId, [item]);
      }
    }
  if (shared) {
    for (const items of byPerson.values()) Object.freeze(items);
    dueByPersonOf.set(open, byPerson);
  }
  return byPerson;
}

/** A pupil's open placement (the newest, if several), or a user error naming the reference. */
export async function placementForPupil(stores: ReadStores, school: School, ref: string): Promise<Placement> {
  const records = await stores.placements.list(school.id, { pupilRef: ref, status: ['proposed', 'active'] });
  const newest = records.map((r) => r.placement).sort((a, b) => b.start.localeCompare(a.start))[0];
  if (!newest) throw new AppError(ErrorCode.NotFound, `There is no open placement for pupil ${ref}. Check the reference, or try "status" to see them all.`);
  return asItStands(stores, school.id, newest);
}

/**
 * `status <ref>`: one pupil, one record. The pupil's open placement (the newest if several, else
 * their latest), with every placement they have had, newest first.
 */
export async function pupilRecord(stores: ReadStores, school: School, ref: string): Promise<{ placement: Placement; all: Placement[] }> {
  const all = (await stores.placements.list(school.id, { pupilRef: ref })).map((r) => r.placement).sort((a, b) => b.start.localeCompare(a.start));
  const shown = all.find((p) => p.status !== 'ended') ?? all[0];
  if (!shown) throw new AppError(ErrorCode.NotFound, `There is no placement for pupil ${ref}. Check the reference, or try "status" to see them all.`);
  return { placement: await asItStands(stores, school.id, shown), all };
}

/**
 * The session a "show more" on an attendance list names, read back from the button; undefined
 * for anything else, which then shows the person's whole due list.
 */
export function attendanceSessionOf(input: Record<string, unknown>): { date: LocalDate; session: 'am' | 'pm' } | undefined {
  const { date, session } = input;
  if (input['list'] !== 'attendance' || typeof date !== 'string' || !isValidLocalDate(date) || (session !== 'am' && session !== 'pm')) return undefined;
  return { date, session };
}

/** What a person has to do now, or only one session's attendance still to confirm. */
export async function dueListFor(stores: ReadStores, school: School, actor: Actor, now: Date, attendance?: { date: LocalDate; session: 'am' | 'pm' }) {
  const due = await dueFor(stores, school, actor, now);
  return attendance ? due.filter(({ obligation: o }) => o.type === 'attendance_confirmation' && o.session?.date === attendance.date && o.session.session === attendance.session) : due;
}
