import { instantAt, localDateOf } from '../../calendar/localTime.ts';
import { shortDate } from '../../calendar/localDate.ts';
import type { Placement } from '../../placement/placement.ts';
import type { SchoolCalendar } from '../../calendar/schoolCalendar.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 001 §8: provision is owed once suspensions, added up, run past five school days. */
export const SCHOOL_DAYS_WITHOUT_PROVISION = 5;

const HOUR_MS = 3_600_000;

/** 001 §8: suspensions that add up to five school days or fewer owe no provision, and no duty about it. */
export function owesSuspensionProvision(placement: Pick<Placement, 'suspensions'>): boolean {
  return placement.suspensions.reduce((sum, s) => sum + s.schoolDays, 0) > SCHOOL_DAYS_WITHOUT_PROVISION;
}

/** The first school day of the suspension (of the earliest, when consecutive ones add up). */
function dayOne(placement: Pick<Placement, 'suspensions' | 'start'>, calendar: SchoolCalendar): string {
  const firstDay = placement.suspensions.map((s) => s.firstDay).sort()[0] ?? placement.start;
  return calendar.isSchoolDay(firstDay) ? firstDay : calendar.addSchoolDays(firstDay, 1);
}

/** The sixth school day of the suspension, counting its first school day as day one. */
export function sixthSchoolDay(placement: Pick<Placement, 'suspensions' | 'start'>, calendar: SchoolCalendar): string {
  return calendar.addSchoolDays(dayOne(placement, calendar), SCHOOL_DAYS_WITHOUT_PROVISION);
}

/**
 * The day provision must have begun by: the sixth school day of the suspension; consecutive
 * suspensions add up, so the count starts at the earliest. A looked-after pupil: the first day.
 */
export function suspensionProvisionDeadline(placement: Pick<Placement, 'suspensions' | 'start' | 'pupil'>, calendar: SchoolCalendar): string {
  return placement.pupil.lookedAfter ? dayOne(placement, calendar) : sixthSchoolDay(placement, calendar);
}

/** "planned start Wed 11 Mar is after the sixth school day, Mon 9 Mar", or nothing when the plan is in time. */
export function lateProvisionStart(placement: Pick<Placement, 'suspensions' | 'start' | 'pupil'>, calendar: SchoolCalendar): string | undefined {
  const deadline = suspensionProvisionDeadline(placement, calendar);
  if (placement.start <= deadline) return undefined;
  const which = placement.pupil.lookedAfter ? 'first day of the suspension' : 'sixth school day';
  return `planned start ${shortDate(placement.start)} is after the ${which}, ${shortDate(deadline)}`;
}

function owes(placement: Placement): boolean {
  return placement.kind === 'suspension_provision' && placement.status !== 'ended' && owesSuspensionProvision(placement);
}

/**
 * 001 §8: full-time provision from the sixth school day. Open until the provision has actually
 * begun (active, and its start reached); it runs late by its legal deadline, not by the planned start.
 */
export function suspensionProvisionStart(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, today } = ctx;
  if (!owes(placement) || (placement.status === 'active' && placement.start <= today)) return [];
  const warning = lateProvisionStart(placement, calendar);
  return [{ type: 'suspension_provision_start', subject: null, dueDate: suspensionProvisionDeadline(placement, calendar), ...(warning ? { warning } : {}) }];
}

/**
 * 001 §8: parents are told about the provision 48 clock hours before it starts. When it starts
 * before the sixth school day, their recorded agreement to shorter notice also settles it.
 */
export function suspensionParentInformation(ctx: RuleContext): ObligationDraft[] {
  const { placement, policy, school, calendar } = ctx;
  if (!owes(placement) || ctx.latest('parent_notice')) return [];
  if (placement.start < sixthSchoolDay(placement, calendar) && ctx.latest('parent_agreement')) return [];
  const { timezone, dayStart } = school.config.school;
  const dueAt = new Date(instantAt(placement.start, dayStart, timezone).getTime() - policy.suspensionNoticeHours * HOUR_MS);
  return [{ type: 'suspension_parent_information', subject: null, dueDate: localDateOf(dueAt, timezone), dueAt }];
}
