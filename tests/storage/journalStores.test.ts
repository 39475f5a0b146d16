import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { allStoreContracts } from '../contracts/storeContracts.ts';

describe('the journal stores held in memory only (no data directory)', () => {
  allStoreContracts(() => openJournalStores());
});

describe('the journal stores written to a data directory', () => {
  const dirs = new Map<object, string>();
  allStoreContracts(
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'apbot-contract-'));
      const stores = await openJournalStores({ dataDir, warn: () => undefined });
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
