import type { z } from 'zod';
import type { LocalDate } from '../calendar/localDate.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { HistoryEvent } from '../placement/events.ts';
import type { Placement, Session } from '../placement/placement.ts';
import type { Action } from '../permissions.ts';
import type { Role } from '../policy/roles.ts';
import type { School } from '../policy/schoolConfig.ts';

/** A member of staff acting through the bot. */
export interface Actor {
  staffId: string;
  roles: readonly Role[];
}

export interface DecisionContext {
  school: School;
  actor: Actor;
  /** The role the actor acts in for this decision. */
  role: Role;
  now: Date;
  today: LocalDate;
  /** The decision's idempotency key, stamped on what it records. */
  key: string;
  /** The id a decision that creates a placement gives it. */
  newPlacementId: string;
  /** For a decision that creates a placement: the placements the school already has for that pupil reference. */
  pupilPlacements?: readonly Placement[];
}

/** An attendance mark: kept in its own store, one per placement, date and session. */
export interface AttendanceOutcome {
  placementId: string;
  date: LocalDate;
  session: Session;
  mark: string;
  /** The register code the school will probably use (a suggestion, the school decides). */
  registerCode: string | null;
}

export interface DecisionOutcome {
  /** The placement's new state (version already bumped), unless the decision records attendance. */
  placement: Placement;
  attendance?: AttendanceOutcome;
  /** For the audit log and shared channels: no names, no concern details. */
  summary: string;
}

/** Which placement a decision works on: an existing one, a new one, or either (`recordSuspension`). */
export type Target = 'existing' | 'new' | 'either';

export interface Decision<S extends z.ZodType = z.ZodType> {
  name: Action;
  target: Target;
  input: S;
  /** Pure: checks the rules and returns the new state, or throws a user error and changes nothing. */
  apply(placement: Placement | undefined, input: z.output<S>, ctx: DecisionContext): DecisionOutcome;
}

export function defineDecision<S extends z.ZodType>(decision: Decision<S>): Decision<S> {
  return decision;
}

/** The placement a decision works on, refusing an ended one (it can only be read). */
export function openPlacement(placement: Placement | undefined): Placement {
  if (!placement) throw new AppError(ErrorCode.NotFound, 'That placement was not found.');
  if (placement.status === 'ended') throw new AppError(ErrorCode.NotPossible, `This placement has ended; it can only be read now.`);
  return placement;
}

/** The placement with an event added, stamped with who, when and the decision's key, one version on. */
export function withEvent(placement: Placement, ctx: DecisionContext, event: HistoryEvent, changes: Partial<Placement> = {}): Placement {
  const stamped = { ...event, by: ctx.actor.staffId, at: ctx.now.toISOString(), key: ctx.key } as HistoryEvent;
  return { ...placement, ...changes, history: [...placement.history, stamped], version: placement.version + 1 };
}

/** A date inside the school's calendar, named by its field when it is not. */
export function inCalendar(date: LocalDate, field: string, ctx: DecisionContext): LocalDate {
  const { firstDay, lastDay } = ctx.school.calendar;
  if (date < firstDay || date > lastDay)
    throw new AppError(ErrorCode.OutsideCalendar, `${field}: ${date} is outside the school calendar (${firstDay} to ${lastDay}).`);
  return date;
}

/** The date something was done: today unless given, never in the future, inside the calendar. */
export function doneOn(date: LocalDate | undefined, ctx: DecisionContext, field = 'on'): LocalDate {
  const on = date ?? ctx.today;
  if (on > ctx.today) throw new AppError(ErrorCode.InvalidInput, `${field}: ${on} is in the future; record it once it has happened.`);
  return inCalendar(on, field, ctx);
}

export function refuse(message: string): never {
  throw new AppError(ErrorCode.NotPossible, message);
}

/** The actor for a member of staff of a school, if there is one with that id. */
export function actorFor(school: School, staffId: string): Actor | undefined {
  const member = school.config.staff.find((s) => s.id === staffId);
  return member && { staffId: member.id, roles: member.roles };
}
