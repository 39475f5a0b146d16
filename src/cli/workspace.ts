import { readEnv } from '../config/env.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { openStores } from '../openStores.ts';
import type { Stores } from '../ports/stores.ts';
import { prepareSchools } from '../startup.ts';
import type { CliIo } from './io.ts';

export interface Workspace {
  stores: Stores;
  schools: School[];
  school(id: string | undefined): School;
}

/** The configured store and schools, as the bot sees them; the embedded store only while the bot is stopped. */
export async function withWorkspace<T>(io: CliIo, now: Date, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const env = readEnv();
  const stores = await openStores(env, (message) => io.err(message));
  try {
    const schools = await prepareSchools(env, stores, now);
    const school = (id: string | undefined) => {
      if (id === undefined && schools.length === 1) return schools[0] as School;
      const found = schools.find((s) => s.id === id);
      if (!found) throw new AppError(ErrorCode.InvalidInput, `--school must be one of: ${schools.map((s) => s.id).join(', ')}.`);
      return found;
    };
    return await work({ stores, schools, school });
  } finally {
    await stores.close();
  }
}
