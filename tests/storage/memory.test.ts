import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openMemoryStores } from '../../src/adapters/storage/memory/openMemoryStores.ts';
import { allStoreContracts } from '../contracts/storeContracts.ts';

describe('memory stores, without a journal', () => {
  allStoreContracts(() => openMemoryStores());
});

describe('memory stores, journalled to a data directory', () => {
  const dirs = new Map<object, string>();
  allStoreContracts(
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'apbot-contract-'));
      const stores = await openMemoryStores({ dataDir, warn: () => undefined });
      dirs.set(stores, dataDir);
      return stores;
    },
    async (stores) => {
      await stores.close();
      const dir = dirs.get(stores);
      if (dir) rmSync(dir, { recursive: true, force: true });
      dirs.delete(stores);
    },
  );
});
