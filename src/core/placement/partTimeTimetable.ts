import type { EventOf } from './events.ts';
import type { Placement } from './placement.ts';

/** 000 §9.5: the two roles that must both approve a part-time timetable, as two different people. */
export const PTT_APPROVERS = ['headteacher', 'ap_lead'] as const;

type Approval = EventOf<'approval'>;

/**
 * The approvals that count, by people not roles: one per approver role, and no person twice (one
 * person holding both roles approves once, and the other approval stays open). An approval with
 * no one named (an old import) is taken as its own person.
 */
function countedByPeople(approvals: readonly Approval[]): Approval[] {
  const counted: Approval[] = [];
  for (const approval of approvals) {
    const roleTaken = counted.some((a) => a.role === approval.role);
    const personTaken = approval.by !== undefined && counted.some((a) => a.by === approval.by);
    if (PTT_APPROVERS.some((r) => r === approval.role) && !roleTaken && !personTaken) counted.push(approval);
  }
  return counted;
}

/**
 * What a part-time timetable is waiting to have approved: the timetable itself while proposed, or
 * an extension proposed since (an extension needs both approvals again). The approvals that count
 * are those given since then, counted by people.
 */
export function pendingPttApproval(placement: Placement): { approvals: Approval[]; end?: string } | null {
  if (placement.kind !== 'part_time_timetable') return null;
  const isApproval = (e: Placement['history'][number]): e is Approval => e.type === 'approval';
  if (placement.status === 'proposed') return { approvals: countedByPeople(placement.history.filter(isApproval)) };
  if (placement.status !== 'active') return null;
  const lastProposal = placement.history.findLastIndex((e) => e.type === 'extension_proposed' || e.type === 'extended' || e.type === 'decline');
  const proposal = placement.history[lastProposal];
  if (proposal?.type !== 'extension_proposed') return null;
  return { approvals: countedByPeople(placement.history.slice(lastProposal + 1).filter(isApproval)), end: proposal.end };
}
