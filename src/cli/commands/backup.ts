import { readEnv } from '../../config/env.ts';
import { openStores } from '../../openStores.ts';
import { describeCounts, readBackupFile, writeBackupFile } from '../backupFile.ts';
import type { CliIo } from '../io.ts';

/** `ap backup <file>`: every store (placements, audit, outbox, attendance, school configs, conversations) as one file. */
export async function backup(args: string[], io: CliIo): Promise<number> {
  const [path, ...rest] = args;
  if (!path || rest.length > 0) return io.usage('ap backup <file>');
  const stores = await openStores(readEnv(), (message) => io.err(message));
  try {
    const counts = await writeBackupFile(path, stores.backup.items(), { store: stores.description, at: new Date() });
    io.out(`Backed up ${stores.description} to ${path}: ${describeCounts(counts)}.`);
    return 0;
  } finally {
    await stores.close();
  }
}

/** `ap restore <file>`: a backup into an empty store (either kind); a store holding anything is left alone. */
export async function restore(args: string[], io: CliIo): Promise<number> {
  const [path, ...rest] = args;
  if (!path || rest.length > 0) return io.usage('ap restore <file>');
  const { items, counts } = readBackupFile(path);
  const stores = await openStores(readEnv(), (message) => io.err(message));
  try {
    await stores.backup.restore(items);
    io.out(`Restored ${path} into ${stores.description}: ${describeCounts(counts)}.`);
    return 0;
  } finally {
    await stores.close();
  }
}
