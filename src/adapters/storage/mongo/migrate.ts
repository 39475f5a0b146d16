import type { Connection } from 'mongoose';
import { AppError, ErrorCode } from '../../../core/errors.ts';

/** The stored shape this code reads and writes; each placement document carries it as `schemaVersion`. */
export const SCHEMA_VERSION = 1;

interface Migration {
  /** The schema version the database is at once this step has run. */
  to: number;
  up(connection: Connection): Promise<void>;
}

// When a stored shape changes: bump SCHEMA_VERSION and add a step here, e.g.
// { to: 2, up: (c) => c.collection('placements').updateMany({ schemaVersion: 1 }, [...]).then(() => undefined) }.
// Steps must be safe to run twice: a crash between a step and recording it reruns the step.
const migrations: readonly Migration[] = [];

interface MetaDoc {
  _id: string;
  schemaVersion: number;
}

/** Brings the database up to SCHEMA_VERSION, one recorded step at a time; refuses a newer database. */
export async function migrate(connection: Connection): Promise<void> {
  const meta = connection.collection<MetaDoc>('meta');
  const found = await meta.findOne({ _id: 'schema' });
  // A database without the record is new, or from before versioning (there was none): version 1.
  let current = found?.schemaVersion ?? 1;
  if (current > SCHEMA_VERSION)
    throw new AppError(
      ErrorCode.NotPossible,
      `The database was written by a newer apbot (schema ${current}; this one knows up to ${SCHEMA_VERSION}). Upgrade apbot.`,
    );
  for (const step of migrations.filter((m) => m.to > current && m.to <= SCHEMA_VERSION).sort((a, b) => a.to - b.to)) {
    await step.up(connection);
    current = step.to;
    await meta.updateOne({ _id: 'schema' }, { $set: { schemaVersion: current } }, { upsert: true });
  }
  if (found?.schemaVersion !== current) await meta.updateOne({ _id: 'schema' }, { $set: { schemaVersion: current } }, { upsert: true });
}
