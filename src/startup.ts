import { importPlacements } from './app/importPlacements.ts';
import { relinkTeamsAccounts } from './app/teamsRoster.ts';
import { isDemo, type Env } from './config/env.ts';
import { loadPlacementsFile } from './config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE, loadConfiguredSchools } from './config/schools.ts';
import type { School } from './core/policy/schoolConfig.ts';
import type { Stores } from './ports/stores.ts';

/**
 * Loads the schools, keeps a versioned copy of each config in the store, gives back the Teams
 * accounts found from a team's roster, and on a demo's first start fills the example school with
 * its placements.
 */
export async function prepareSchools(env: Env, stores: Stores, now: Date): Promise<School[]> {
  const schools = loadConfiguredSchools(env);
  for (const school of schools) {
    await stores.schools.save(school.id, school.config, now);
    if (isDemo(env) && (await stores.placements.list(school.id)).length === 0)
      await importPlacements(stores, school, loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE), now, 'demo-seed');
  }
  await relinkTeamsAccounts(schools, stores.conversations);
  return schools;
}
