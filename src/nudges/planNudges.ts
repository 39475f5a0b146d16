import { localDateOf } from '../core/calendar/localTime.ts';
import { OBLIGATION_TYPES, type Obligation, type ObligationType } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import type { Placement } from '../core/placement/placement.ts';
import { audienceAt, isSafeguarding } from '../core/obligations/audience.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { NudgeItem, NudgeMessage } from '../ports/nudgeChannel.ts';
import { nextAllowedTime } from './quietHours.ts';

export interface PlacementDue {
  placement: Placement;
  obligations: readonly Obligation[];
}

/** One message for one member of staff, sent once for its dedupe key. */
export interface PlannedNudge {
  dedupeKey: string;
  staffId: string;
  message: NudgeMessage;
  notBefore: Date;
}

const NUDGED_STAGES = new Set(['upcoming', 'due', 'overdue', 'escalated']);

/**
 * An obligation as a nudge carries it: the pupil by initials and reference only. Field by field in
 * two literals, as `obligationOf` makes them (a sweep makes tens of thousands; spreading the
 * obligation took three times as long), so every field an obligation has is named here.
 */
export function itemOf(placement: Placement, o: Obligation): NudgeItem {
  const { placementId, providerId, type, subject, ownerRole, escalateToRole, dueDate, stage, warning, safeguarding, raisedBy, session } = o;
  const dueAt = isoOf(o.dueAt);
  const pupil = { ref: placement.pupil.ref, initials: placement.pupil.initials };
  return warning === undefined
    ? { placementId, providerId, type, subject, ownerRole, escalateToRole, dueDate, dueAt, stage, safeguarding, raisedBy, session, pupil }
    : { placementId, providerId, type, subject, ownerRole, escalateToRole, dueDate, dueAt, stage, warning, safeguarding, raisedBy, session, pupil };
}

// Most obligations of a school fall due at one of a few instants (the end of a school day, a
// cut-off): each is written out once and remembered, the table emptied if it ever grows large.
const isoWritten = new Map<number, string>();
function isoOf(instant: Date): string {
  const ms = instant.getTime();
  let iso = isoWritten.get(ms);
  if (iso === undefined) {
    if (isoWritten.size >= 1_000) isoWritten.clear();
    isoWritten.set(ms, (iso = instant.toISOString()));
  }
  return iso;
}

/** The obligations (by key) snoozed on a placement at `now`; most placements have none. */
function snoozedOn(placement: Placement, now: Date, today: string): ReadonlySet<string> | undefined {
  let snoozed: Set<string> | undefined;
  for (const e of placement.history)
    if (e.type === 'snooze' && (e.untilAt ? now < new Date(e.untilAt) : e.until > today)) (snoozed ??= new Set()).add(e.obligation);
  return snoozed;
}

/**
 * The nudges owed at `now`: one per obligation, stage and person, never for what is only
 * scheduled or snoozed. Provider checks are one nudge per provider however many pupils are
 * there; attendance is one entry per session and pupil, sent as one list per cut-off.
 */
export function planNudges(school: School, due: readonly PlacementDue[], now: Date): PlannedNudge[] {
  const today = localDateOf(now, school.config.school.timezone);
  const planned = new Map<string, PlannedNudge>();
  // When a nudge may go out depends only on now and whether it is urgent: worked out once each.
  let routine: Date | undefined;
  let urgent: Date | undefined;
  const notBeforeOf = (isUrgent: boolean) => (isUrgent ? (urgent ??= nextAllowedTime(now, school, true)) : (routine ??= nextAllowedTime(now, school)));

  const audience = audienceAt(school);
  for (const { placement, obligations } of due) {
    // An escalated obligation is never held back by a snooze.
    const snoozed = snoozedOn(placement, now, today);
    for (const o of obligations) {
      if (!NUDGED_STAGES.has(o.stage) || (snoozed && o.stage !== 'escalated' && snoozed.has(obligationKey(o)))) continue;

      if (o.type === 'attendance_confirmation') {
        if ((o.stage !== 'overdue' && o.stage !== 'escalated') || !o.session) continue;
        const { date, session } = o.session;
        // One entry per session and pupil; the deliverer merges a person's entries for a session into one list.
        const item = itemOf(placement, o);
        for (const staffId of audience(placement, o).keys()) {
          const dedupeKey = `attendance|${date}|${session}|${o.stage}|${placement.id}|${staffId}`;
          const message: NudgeMessage = { kind: 'attendance', schoolId: school.id, date, session, items: [item] };
          planned.set(dedupeKey, { dedupeKey, staffId, message, notBefore: notBeforeOf(false) });
        }
        continue;
      }

      const about = o.providerId ? `provider:${o.providerId}` : placement.id;
      const base = `${about}|${o.type}|${o.subject ?? ''}|${o.dueDate}|${o.stage}`;
      const message: NudgeMessage =
        o.type === 'part_time_timetable_approval'
          ? { kind: 'approval_request', schoolId: school.id, placementId: placement.id }
          : { kind: 'reminder', schoolId: school.id, item: itemOf(placement, o) };
      const notBefore = notBeforeOf(o.stage === 'escalated' && isSafeguarding(o));
      for (const staffId of audience(placement, o).keys()) {
        const dedupeKey = `${base}|${staffId}`;
        if (!planned.has(dedupeKey)) planned.set(dedupeKey, { dedupeKey, staffId, message, notBefore });
      }
    }
  }

  return [...planned.values()];
}

/**
 * Which obligation an escalation nudge was about, read back from its dedupe key (the formats
 * above); null for any other nudge. `obligation` is the same for every person the escalation went to.
 */
export function escalationOf(dedupeKey: string): { type: ObligationType; obligation: string } | null {
  const parts = dedupeKey.split('|');
  if (parts[0] === 'attendance') return parts[3] === 'escalated' ? { type: 'attendance_confirmation', obligation: parts.slice(0, 5).join('|') } : null;
  const type = parts[1];
  return parts[4] === 'escalated' && OBLIGATION_TYPES.includes(type as ObligationType) ? { type: type as ObligationType, obligation: parts.slice(0, 5).join('|') } : null;
}
