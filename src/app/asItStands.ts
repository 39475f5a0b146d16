import type { Placement } from '../core/placement/placement.ts';
import { mergeProvider } from '../core/provider/provider.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';
import { withAttendance } from './withAttendance.ts';

/**
 * A placement as it stands: its attendance marks from the attendance store, and its provider as
 * the provider's own record has it, so a check renewed through any pupil there counts for all.
 */
export async function asItStands(stores: { attendance: AttendanceStore; providers: ProviderStore }, schoolId: string, placement: Placement): Promise<Placement> {
  const withMarks = await withAttendance(placement, schoolId, stores.attendance);
  if (!withMarks.provider) return withMarks;
  const record = await stores.providers.get(schoolId, withMarks.provider.id);
  return record ? { ...withMarks, provider: mergeProvider(withMarks.provider, record) } : withMarks;
}
