import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { connectMongo } from '../../src/adapters/storage/mongo/connectMongo.ts';
import { openMongoStores, type MongoStores } from '../../src/adapters/storage/mongo/openMongoStores.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { allStoreContracts } from '../contracts/storeContracts.ts';

const uri = process.env.MONGODB_URI;
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let databases = 0;

if (uri) {
  describe('MongoDB stores', () => {
    allStoreContracts(
      // A database per test, dropped afterwards, so runs never see each other's data.
      () => openMongoStores(uri, { dbName: `apbot_test_${runId}_${++databases}` }),
      async (stores: Stores) => {
        const { connection } = stores as MongoStores;
        await connection.dropDatabase();
        await stores.close();
      },
    );
  });
} else {
  describe.skip('MongoDB contract suite (skipped: MONGODB_URI is not set; MongoDB cannot run on this machine)', () => {
    it.skip('runs every store contract against MongoDB when MONGODB_URI is set', () => undefined);
  });
}

describe('connecting to MongoDB', () => {
  it('fails with one clear line, without the credentials, when the server cannot be reached', async () => {
    const started = Date.now();
    const error = await connectMongo('mongodb://apbot:s3cret@127.0.0.1:1/apbot', { serverSelectionTimeoutMS: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toMatch(/^Cannot connect to MongoDB at mongodb:\/\/127\.0\.0\.1:1\/apbot: .+\. Check MONGODB_URI/);
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fails clearly on a URI that is not a MongoDB URI', async () => {
    await expect(connectMongo('postgres://localhost/apbot')).rejects.toThrow(/^Cannot connect to MongoDB at postgres:\/\/localhost\/apbot: /);
  });
});
