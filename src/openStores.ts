import { openJournalStores } from './adapters/storage/journal/openJournalStores.ts';
import type { Stores } from './ports/stores.ts';
import { rememberOpenPlacements } from './app/openAtSchool.ts';
import type { Env } from './config/env.ts';
import type { SchedulerBackendChoice } from './adapters/scheduler/createScheduler.ts';

/** The stores the environment asks for: MongoDB in production, else the embedded journal in DATA_DIR. */
export async function openStores(env: Env, warn: (message: string) => void): Promise<Stores & { description: string; scheduler: SchedulerBackendChoice }> {
  if (env.STORE === 'mongo' && env.MONGODB_URI) {
    // mongoose and the MongoDB driver are loaded only for a bot that uses them (about 20 MiB at rest otherwise).
    const { openMongoStores } = await import('./adapters/storage/mongo/openMongoStores.ts');
    const stores = await openMongoStores(env.MONGODB_URI);
    const db = stores.connection.db;
    if (!db) throw new Error('MongoDB connected without a database');
    // agenda keeps its jobs in the same database, through the same connection.
    return { ...stores, description: 'MongoDB', scheduler: { backend: 'mongo', db } };
  }
  // The data directory's lock makes this process the store's one writer, so what is open at each
  // school can be kept between its own writes.
  const stores = rememberOpenPlacements(await openJournalStores({ dataDir: env.DATA_DIR, warn }));
  return { ...stores, description: `embedded store in ${env.DATA_DIR}`, scheduler: { backend: 'memory' } };
}
