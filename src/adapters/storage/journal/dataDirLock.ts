import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../../core/errors.ts';

/** Who holds a lock: the process id and when that process started, so a reused pid is not mistaken for it. */
interface Holder {
  pid: number;
  /** The kernel's start time of the process (clock ticks since boot); null where the system does not say. */
  start: string | null;
}

/** How long a starter keeps trying while another is clearing a stale lock. */
const PATIENCE_MS = 5_000;

/**
 * Takes `<dataDir>/LOCK` for this process, or fails clearly if a running process holds it. Returns
 * the release.
 *
 * Taking it is one atomic step: the holder's record is written to a file of its own and hard-linked
 * as LOCK, which fails if LOCK exists, so the lock never exists half-written and only one process
 * can create it. A stale lock (its holder has stopped, or its pid now belongs to a process that
 * started later) is cleared only under a second lock, `LOCK.break`, and only if it is still the
 * same stale record: two starters can never each clear the other's fresh lock and both go on.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const path = join(dir, 'LOCK');
  const me = { pid: process.pid, start: startOf(process.pid) };
  const deadline = Date.now() + PATIENCE_MS;
  while (Date.now() < deadline) {
    if (tryCreate(path, me)) return () => release(path, me);
    const seen = readRecord(path);
    if (seen === undefined) continue;
    const holder = parseHolder(seen);
    if (holder && isRunning(holder, me)) throw inUse(dir, holder.pid);
    if (!clearStale(path, seen, me)) pause(10);
  }
  throw new AppError(ErrorCode.NotPossible, `Could not take the lock on the data directory ${dir}: another process kept clearing or taking it for ${PATIENCE_MS / 1000} s. Try again.`);
}

/** Creates `path` holding this process's record, atomically; false if it already exists. */
function tryCreate(path: string, me: Holder): boolean {
  const own = `${path}.${me.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(own, `${JSON.stringify({ app: 'apbot', pid: me.pid, start: me.start })}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(own, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(own);
  }
}

/**
 * Removes the lock at `path` if it still holds the stale record `seen`, while holding `LOCK.break`.
 * Returns false when another starter is clearing it at the moment (try again shortly).
 */
function clearStale(path: string, seen: string, me: Holder): boolean {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker, me)) {
    const other = readRecord(breaker);
    const otherHolder = other === undefined ? undefined : parseHolder(other);
    // A starter that died while clearing leaves its breaker behind; it is cleared the same way, once.
    if (other !== undefined && !(otherHolder && isRunning(otherHolder, me)) && readRecord(breaker) === other) unlinkQuietly(breaker);
    return false;
  }
  try {
    if (readRecord(path) === seen) unlinkQuietly(path);
  } finally {
    unlinkQuietly(breaker);
  }
  return true;
}

function release(path: string, me: Holder): void {
  const holder = parseHolder(readRecord(path) ?? '');
  if (holder && holder.pid === me.pid && holder.start === me.start) unlinkQuietly(path);
}

/** Whether the process a lock names is still the one that took it. */
function isRunning(holder: Holder, me: Holder): boolean {
  // Our own pid: this very process (a second open), or a previous life (a container restarts as pid 1 again).
  if (holder.pid === me.pid) return holder.start === me.start;
  if (!isAlive(holder.pid)) return false;
  const start = startOf(holder.pid);
  // Without a start time on either side there is no telling a reused pid apart: assume it is running.
  return holder.start === null || start === null || start === holder.start;
}

/** A process's start time in clock ticks since boot, from /proc (Linux); null elsewhere. */
function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and brackets); the start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function parseHolder(record: string): Holder | undefined {
  try {
    const parsed = JSON.parse(record) as unknown;
    if (typeof parsed === 'number' && Number.isInteger(parsed) && parsed > 0) return { pid: parsed, start: null };
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const { pid, start } = parsed as { pid?: unknown; start?: unknown };
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
    return { pid, start: typeof start === 'string' ? start : null };
  } catch {
    // Not a record apbot writes (an older apbot wrote the bare pid, read above): nobody holds it.
    return undefined;
  }
}

function readRecord(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
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

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
