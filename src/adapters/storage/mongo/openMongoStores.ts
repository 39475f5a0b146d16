import type { Connection } from 'mongoose';
import type { Stores } from '../../../ports/stores.ts';
import { connectMongo, type MongoConnectOptions } from './connectMongo.ts';
import { ensureIndexes } from './indexes.ts';
import { migrate } from './migrate.ts';
import { modelsOf } from './models.ts';
import { MongoAttendanceStore } from './mongoAttendanceStore.ts';
import { MongoAuditLog } from './mongoAuditLog.ts';
import { MongoConversationStore } from './mongoConversationStore.ts';
import { MongoNudgeOutbox } from './mongoNudgeOutbox.ts';
import { MongoPlacementStore } from './mongoPlacementStore.ts';
import { MongoProviderStore } from './mongoProviderStore.ts';
import { MongoSchoolStore } from './mongoSchoolStore.ts';
import { MongoStoreBackup } from './mongoStoreBackup.ts';

export interface MongoStores extends Stores {
  /** The open connection, for what shares the database (the agenda scheduler, tests dropping their database). */
  connection: Connection;
}

/** Connects, migrates, and makes sure every index exists before any write relies on it. */
export async function openMongoStores(uri: string, options: MongoConnectOptions = {}): Promise<MongoStores> {
  const connection = await connectMongo(uri, options);
  try {
    await migrate(connection);
    const models = modelsOf(connection);
    // Unique indexes carry idempotency and dedupe, so they must exist before the first write.
    await ensureIndexes(connection, models);
    const audit = new MongoAuditLog(models);
    const placements = new MongoPlacementStore(models, audit);
    const attendance = new MongoAttendanceStore(models, audit);
    return {
      connection,
      placements,
      providers: new MongoProviderStore(models),
      audit,
      outbox: new MongoNudgeOutbox(models),
      attendance,
      schools: new MongoSchoolStore(models),
      conversations: new MongoConversationStore(models),
      backup: new MongoStoreBackup(models, [placements, attendance]),
      // Connected: MongoDB itself answers a write it cannot take (disk full) with an error.
      canWrite: async () => connection.readyState === 1,
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
