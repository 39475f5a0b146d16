import type { School } from '../core/policy/schoolConfig.ts';
import type { Clock } from '../ports/clock.ts';
import { packageFile } from '../packageFiles.ts';
import type { Env } from './env.ts';
import { loadSchoolFile, loadSchoolsDir } from './schoolFile.ts';

export const EXAMPLE_SCHOOL_FILE = packageFile('examples/school.yaml');
export const EXAMPLE_PLACEMENTS_FILE = packageFile('examples/placements.json');

/** A school day in the example year with plenty due: Monday 9 February 2026, before school. */
export const DEFAULT_DEMO_NOW = '2026-02-09T08:00:00Z';

/** The schools this deployment serves: every file in SCHOOLS_DIR, or the example school in the demo. */
export function loadConfiguredSchools(env: Env): School[] {
  return env.SCHOOLS_DIR ? loadSchoolsDir(env.SCHOOLS_DIR) : [loadSchoolFile(EXAMPLE_SCHOOL_FILE)];
}

export const systemClock: Clock = { now: () => new Date() };

/** The demo's clock starts at DEMO_NOW and runs on from there, so the demo always has things due. */
export function demoClock(demoNow: string, startedAt: Date = new Date()): Clock {
  const offset = new Date(demoNow).getTime() - startedAt.getTime();
  return { now: () => new Date(Date.now() + offset) };
}
