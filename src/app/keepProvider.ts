import type { HistoryEvent } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import { withRecordedChecks } from '../core/provider/provider.ts';
import type { ProviderStore } from '../ports/providerStore.ts';

/**
 * Keeps the provider's own record up to date with a placement written there: the provider itself
 * (a new one, a new name) and any check just recorded through this pupil, so it counts for every
 * pupil at that provider.
 */
export async function keepProvider(providers: ProviderStore, schoolId: string, placement: Placement, recorded: readonly HistoryEvent[]): Promise<void> {
  if (placement.provider) await providers.merge(schoolId, withRecordedChecks(placement.provider, recorded));
}
