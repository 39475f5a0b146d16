import type { EventOf } from '../core/placement/events.ts';
import { DeliveryError, type NudgeItem } from '../ports/nudgeChannel.ts';
import type { ReadStores } from './queries.ts';
import { asItStands } from './asItStands.ts';

/**
 * The placements a queued nudge names, read as they stand now, so a card never shows a state
 * older than its delivery. A placement gone from the store is a permanent delivery failure.
 */
export function nudgeLoader(stores: ReadStores, schoolId: string) {
  const placementOf = async (id: string) => {
    const record = await stores.placements.get(schoolId, id);
    if (!record) throw new DeliveryError(`There is no placement ${id}`, { permanent: true });
    return asItStands(stores, schoolId, record.placement);
  };
  const dueItem = async ({ pupil: _pupil, ...item }: NudgeItem) => ({ placement: await placementOf(item.placementId), obligation: { ...item, dueAt: new Date(item.dueAt) } });
  /** A concern alert's placement and the concern it is about; a concern gone from the record is a permanent failure. */
  const concernOf = async (placementId: string, concernKey: string) => {
    const placement = await placementOf(placementId);
    const concern = placement.history.findLast((e): e is EventOf<'concern'> => e.type === 'concern' && e.key === concernKey);
    if (!concern) throw new DeliveryError(`Placement ${placementId} has no concern ${concernKey}`, { permanent: true });
    return { placement, concern };
  };
  return { placementOf, dueItem, concernOf };
}
