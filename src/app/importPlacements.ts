import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { DecisionStores } from './decide.ts';
import { nextDueAtOf } from './decide.ts';
import { keepProvider } from './keepProvider.ts';
import type { PlacementImportPlan } from './import/planPlacementImport.ts';

/**
 * Adds placements from an import (the demo's examples, or a school's spreadsheet turned JSON).
 * Each is created once: importing the same file again adds nothing. A provider embedded in a
 * placement is merged by its id into the provider's record, with any check recorded on the placement.
 */
export async function importPlacements(stores: DecisionStores, school: School, placements: readonly Placement[], now: Date, by: string): Promise<{ added: number }> {
  let added = 0;
  for (const placement of placements) {
    const key = `import:${school.id}:${placement.id}`;
    await keepProvider(stores.providers, school.id, placement, placement.history);
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

/**
 * Writes a planned spreadsheet import: nothing at all when any row was refused. Every write is
 * keyed by the file and row, so if the import is interrupted, running the same file again finishes
 * it without recording anything twice; a placement changed by someone else meanwhile stops it.
 */
export async function applyPlacementImport(stores: DecisionStores, plan: PlacementImportPlan, now: Date): Promise<{ written: number }> {
  if (plan.rows.some((r) => r.outcome === 'refused')) return { written: 0 };
  let written = 0;
  for (const write of plan.writes) {
    const key = write.type === 'create' ? `import:${plan.schoolId}:${write.placement.id}` : `import:${plan.fileDigest}:${write.row}:v${write.expectedVersion}`;
    const audit = {
      schoolId: plan.schoolId,
      at: now,
      actor: plan.by,
      role: null,
      action: write.type === 'create' ? 'importPlacement' : 'updatePlacement',
      placementId: write.placement.id,
      idempotencyKey: key,
      outcome: 'recorded' as const,
      summary: write.summary,
    };
    if (write.type === 'create') await keepProvider(stores.providers, plan.schoolId, write.placement, []);
    const result =
      write.type === 'create'
        ? await stores.placements.create({ record: { schoolId: plan.schoolId, placement: write.placement, nextDueAt: write.nextDueAt }, idempotencyKey: key, audit })
        : await stores.placements.applyDecision({ schoolId: plan.schoolId, placementId: write.placement.id, expectedVersion: write.expectedVersion, idempotencyKey: key, placement: write.placement, nextDueAt: write.nextDueAt, audit });
    await keepProvider(stores.providers, plan.schoolId, write.placement, write.type === 'create' ? write.placement.history : []);
    if (!result.replayed) written++;
  }
  return { written };
}
