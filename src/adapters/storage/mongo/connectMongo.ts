import mongoose, { type Connection } from 'mongoose';
import { AppError, ErrorCode } from '../../../core/errors.ts';

export interface MongoConnectOptions {
  /** Overrides the database named in the URI (tests use one database per run). */
  dbName?: string;
  /** How long the start-up check waits for a server; 5 s unless given. */
  probeTimeoutMS?: number;
}

/**
 * Connects, or rejects with one clear line (no credentials in it) when MongoDB cannot be reached.
 * Only the start-up check gives up quickly: the connection itself keeps the driver's server
 * selection timeout (30 s), so a write during a replica-set election (up to about 12 s) waits
 * for the new primary instead of failing.
 */
export async function connectMongo(uri: string, options: MongoConnectOptions = {}): Promise<Connection> {
  const connection = mongoose.createConnection();
  try {
    await probe(uri, options.probeTimeoutMS ?? 5000);
    await connection.openUri(uri, {
      autoIndex: false,
      autoCreate: false,
      ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    });
    return connection;
  } catch (error) {
    await connection.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      ErrorCode.NotPossible,
      `Cannot connect to MongoDB at ${withoutCredentials(uri)}: ${reason}. Check MONGODB_URI and that the server is running.`,
    );
  }
}

/** One ping to the primary through a short-lived client of its own, so its short timeout goes with it. */
async function probe(uri: string, timeoutMS: number): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: timeoutMS });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}

function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, '//');
}
