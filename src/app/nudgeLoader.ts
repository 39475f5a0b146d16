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
  return { placementOf, dueItem };
}
