import type { Placement } from '../core/placement/placement.ts';
import { mergeProvider, type Provider } from '../core/provider/provider.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';
import { withMarks } from './withAttendance.ts';

/** A school's provider records by id: read once for a list of placements rather than once per pupil. */
export async function providersOf(stores: { providers: ProviderStore }, schoolId: string): Promise<ReadonlyMap<string, Provider>> {
  return new Map((await stores.providers.list(schoolId)).map((p) => [p.id, p]));
}

/**
 * A placement as it stands: its attendance marks from the attendance store, and its provider as
 * the provider's own record has it (from `known` when given), so a check renewed through any
 * pupil there counts for all. `{ withoutMarks: true }` leaves the marks out of its history, for a
 * reader that takes them from the placement's attendance register instead (a sweep).
 */
export async function asItStands(
  stores: { attendance: AttendanceStore; providers: ProviderStore },
  schoolId: string,
  placement: Placement,
  known?: ReadonlyMap<string, Provider>,
  { withoutMarks = false } = {},
): Promise<Placement> {
  const marks = withoutMarks ? [] : await stores.attendance.eventsForPlacement(schoolId, placement.id);
  const { provider } = placement;
  const record = provider && (known ? known.get(provider.id) : await stores.providers.get(schoolId, provider.id));
  // One copy of the placement, whatever it gains: a sweep makes one for every placement it looks at.
  const history = withMarks(placement, marks);
  return record ? { ...placement, history, provider: mergeProvider(provider, record) } : { ...placement, history };
}
