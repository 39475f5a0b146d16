import { isDeepStrictEqual } from 'node:util';
import type { HistoryEvent } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import { mergeProvider, withRecordedChecks } from '../core/provider/provider.ts';
import type { ProviderStore } from '../ports/providerStore.ts';

/**
 * Keeps the provider's own record up to date with a placement written there: the provider itself
 * (a new one, a new name) and any check just recorded through this pupil, so it counts for every
 * pupil at that provider. A record it would leave as it is is not written again.
 */
export async function keepProvider(providers: ProviderStore, schoolId: string, placement: Placement, recorded: readonly HistoryEvent[]): Promise<void> {
  if (!placement.provider) return;
  const next = withRecordedChecks(placement.provider, recorded);
  // Most decisions (a snooze, a review) tell the provider's record nothing new: nothing to write.
  const known = await providers.get(schoolId, next.id);
  if (known && isDeepStrictEqual(mergeProvider(known, next), known)) return;
  await providers.merge(schoolId, next);
}
