import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

/** 000 §6.4: the governing body approves a direction before it starts. */
export function offSiteDirectionApproval(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar } = ctx;
  if (placement.kind !== 'off_site_direction' || placement.status === 'ended' || ctx.latest('governor_approval')) return [];
  return [
    {
      type: 'off_site_direction_approval',
      subject: null,
      dueDate: calendar.subtractSchoolDays(placement.start, 1),
    },
  ];
}

/** 001 §7: parents get written notice at least two school days before the direction starts. */
export function offSiteDirectionParentNotice(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.kind !== 'off_site_direction' || placement.status === 'ended' || ctx.latest('parent_notice')) return [];
  return [
    {
      type: 'off_site_direction_parent_notice',
      subject: null,
      dueDate: calendar.subtractSchoolDays(placement.start, policy.directionNoticeSchoolDays),
    },
  ];
}
