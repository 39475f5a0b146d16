import { instantAt, localDateOf } from '../../calendar/localTime.ts';
import type { Placement } from '../../placement/placement.ts';
import type { SchoolCalendar } from '../../calendar/schoolCalendar.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 001 §8: provision is owed once suspensions, added up, run past five school days. */
const SCHOOL_DAYS_WITHOUT_PROVISION = 5;

const HOUR_MS = 3_600_000;

function needsProvision(placement: Placement): boolean {
  if (placement.kind !== 'suspension_provision' || placement.status === 'ended') return false;
  const total = placement.suspensions.reduce((sum, s) => sum + s.schoolDays, 0);
  return total > SCHOOL_DAYS_WITHOUT_PROVISION;
}

/**
 * The sixth school day of the suspension, counting its first school day as day one; consecutive
 * suspensions add up, so the count starts at the earliest. A looked-after pupil: the first day.
 */
export function suspensionProvisionDeadline(placement: Placement, calendar: SchoolCalendar): string {
  const firstDay = placement.suspensions.map((s) => s.firstDay).sort()[0] ?? placement.start;
  const dayOne = calendar.isSchoolDay(firstDay) ? firstDay : calendar.addSchoolDays(firstDay, 1);
  return placement.pupil.lookedAfter ? dayOne : calendar.addSchoolDays(dayOne, SCHOOL_DAYS_WITHOUT_PROVISION);
}

export function suspensionProvisionStart(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  if (!needsProvision(placement) || placement.status === 'active') return [];
  return [
    {
      type: 'suspension_provision_start',
      subject: null,
      ownerRole: 'headteacher',
      escalateToRole: null,
      dueDate: suspensionProvisionDeadline(placement, calendar),
    },
  ];
}

/** 001 §8: parents are told about the provision 48 clock hours before it starts. */
export function suspensionParentInformation(ctx: RuleContext): ObligationDraft[] {
  const { placement, policy, school } = ctx;
  if (!needsProvision(placement) || ctx.latest('parent_notice')) return [];
  const { timezone, dayStart } = school.config.school;
  const dueAt = new Date(instantAt(placement.start, dayStart, timezone).getTime() - policy.suspensionNoticeHours * HOUR_MS);
  return [
    {
      type: 'suspension_parent_information',
      subject: null,
      ownerRole: 'headteacher',
      escalateToRole: null,
      dueDate: localDateOf(dueAt, timezone),
      dueAt,
    },
  ];
}
