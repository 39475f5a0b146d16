import type { School } from '../../core/policy/schoolConfig.ts';
import type { DecisionStores } from '../decide.ts';
import { applyPlacementImport } from '../importPlacements.ts';
import { decodeSpreadsheetText, readCsvTable } from './csvTable.ts';
import type { ImportMapping } from './placementColumns.ts';
import { planPlacementImport, type PlacementImportPlan } from './planPlacementImport.ts';

export interface PlacementCsvImport {
  school: School;
  file: Uint8Array;
  mapping: ImportMapping;
  /** Staff id (or the command line) the import is recorded as. */
  by: string;
  now: Date;
  dryRun: boolean;
}

/** Reads a placements spreadsheet, works out what it would do, and (unless a dry run, and only if no row is refused) does it. */
export async function importPlacementCsv(stores: DecisionStores, request: PlacementCsvImport): Promise<{ plan: PlacementImportPlan; written: number }> {
  const table = readCsvTable(decodeSpreadsheetText(request.file));
  const existing = await stores.placements.list(request.school.id);
  const plan = planPlacementImport(table, request.mapping, { school: request.school, existing, providers: await stores.providers.list(request.school.id), now: request.now, by: request.by });
  if (request.dryRun) return { plan, written: 0 };
  return { plan, ...(await applyPlacementImport(stores, plan, request.now)) };
}
