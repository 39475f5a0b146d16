import mongoose, { type Connection } from 'mongoose';
import { AppError, ErrorCode } from '../../../core/errors.ts';

export interface MongoConnectOptions {
  /** Overrides the database named in the URI (tests use one database per run). */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

/** Connects, or rejects with one clear line (no credentials in it) when MongoDB cannot be reached. */
export async function connectMongo(uri: string, options: MongoConnectOptions = {}): Promise<Connection> {
  const connection = mongoose.createConnection();
  try {
    await connection.openUri(uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
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

function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/[^/@]*@/, '//');
}
