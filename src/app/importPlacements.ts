import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { DecisionStores } from './decide.ts';
import { nextDueAtOf } from './decide.ts';

/**
 * Adds placements from an import (the demo's examples, or a school's spreadsheet turned JSON).
 * Each is created once: importing the same file again adds nothing.
 */
export async function importPlacements(stores: DecisionStores, school: School, placements: readonly Placement[], now: Date, by: string): Promise<{ added: number }> {
  let added = 0;
  for (const placement of placements) {
    const key = `import:${school.id}:${placement.id}`;
    if (await stores.placements.get(school.id, placement.id)) continue;
    const result = await stores.placements.create({
      record: { schoolId: school.id, placement, nextDueAt: nextDueAtOf(placement, now) },
      idempotencyKey: key,
      audit: { schoolId: school.id, at: now, actor: by, role: null, action: 'importPlacement', placementId: placement.id, idempotencyKey: key, outcome: 'recorded', summary: `Placement ${placement.id} (${placement.kind}) imported` },
    });
    if (!result.replayed) added++;
  }
  return { added };
}
