import type { EventOf } from './events.ts';
import type { Placement } from './placement.ts';

/** 000 §9.5: the two roles that must both approve a part-time timetable, as two different people. */
export const PTT_APPROVERS = ['headteacher', 'ap_lead'] as const;

/**
 * What a part-time timetable is waiting to have approved: the timetable itself while proposed, or
 * an extension proposed since (an extension needs both approvals again). The approvals that count
 * are those given since then.
 */
export function pendingPttApproval(placement: Placement): { approvals: EventOf<'approval'>[]; end?: string } | null {
  if (placement.kind !== 'part_time_timetable') return null;
  if (placement.status === 'proposed') return { approvals: placement.history.filter((e): e is EventOf<'approval'> => e.type === 'approval') };
  if (placement.status !== 'active') return null;
  const lastProposal = placement.history.findLastIndex((e) => e.type === 'extension_proposed' || e.type === 'extended' || e.type === 'decline');
  const proposal = placement.history[lastProposal];
  if (proposal?.type !== 'extension_proposed') return null;
  const approvals = placement.history.slice(lastProposal + 1).filter((e): e is EventOf<'approval'> => e.type === 'approval');
  return { approvals, end: proposal.end };
}
