import { openMemoryStores } from './adapters/storage/memory/openMemoryStores.ts';
import { openMongoStores } from './adapters/storage/mongo/openMongoStores.ts';
import type { Stores } from './ports/stores.ts';
import type { Env } from './config/env.ts';

/** The stores the environment asks for: MongoDB in production, else the embedded journal in DATA_DIR. */
export async function openStores(env: Env, warn: (message: string) => void): Promise<Stores & { description: string }> {
  if (env.STORE === 'mongo' && env.MONGODB_URI) {
    const stores = await openMongoStores(env.MONGODB_URI);
    return { ...stores, description: 'MongoDB' };
  }
  const stores = await openMemoryStores({ dataDir: env.DATA_DIR, warn });
  return { ...stores, description: `embedded store in ${env.DATA_DIR}` };
}
