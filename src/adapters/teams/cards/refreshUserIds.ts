import type { School } from '../../../core/policy/schoolConfig.ts';

/** The Teams ids of the staff a card should refresh for; staff without a Teams account are skipped. */
export function refreshUserIds(school: School, staffIds: readonly string[]): string[] {
  return staffIds.flatMap((id) => {
    const aad = school.config.staff.find((s) => s.id === id)?.teams?.aadObjectId;
    return aad ? [`8:orgid:${aad}`] : [];
  });
}
