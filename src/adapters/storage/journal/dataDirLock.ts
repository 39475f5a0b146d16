import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../../core/errors.ts';

// Directories this process holds, so a second open in the same process is refused too, while a
// lock carrying our pid from a previous life (a container restarts as pid 1 again) is not.
const heldHere = new Set<string>();

/** Takes `<dataDir>/LOCK` for this process, or fails clearly if a live process holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const path = join(dir, 'LOCK');
  if (heldHere.has(dir)) throw inUse(dir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      heldHere.add(dir);
      return () => release(dir, path);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw inUse(dir, holder);
    // Stale: left by a process that is gone (killed, crashed, or a previous run with our pid).
    try {
      unlinkSync(path);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
  }
  throw new AppError(ErrorCode.NotPossible, `Could not take the lock on the data directory ${dir}; another process keeps taking it.`);
}

function release(dir: string, path: string): void {
  heldHere.delete(dir);
  if (readHolder(path) === process.pid) unlinkSync(path);
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return codeOf(error) === 'EPERM';
  }
}

function inUse(dir: string, pid: number): AppError {
  return new AppError(
    ErrorCode.NotPossible,
    `The data directory ${dir} is in use by another apbot process (pid ${pid}). Stop that process, or set DATA_DIR to another directory.`,
  );
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
