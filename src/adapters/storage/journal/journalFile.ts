import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import { lockDataDir } from './dataDirLock.ts';
import { CHANGE_KINDS, type Change, type ChangeSink, type JournalDatabase } from './journalDatabase.ts';

const FILE = 'journal.jsonl';
// Lines written while compacting are batched up to this many characters before each write.
const BATCH_BYTES = 1 << 20;

/**
 * An append-only JSON-lines journal in a data directory: one line per commit, fsync'd before the
 * commit returns. Opening locks the directory, replays the journal into the database and rewrites
 * it as a snapshot (write to a temporary file, fsync, rename), so it never grows without bound.
 */
export class Journal implements ChangeSink {
  readonly #fd: number;
  readonly #release: () => void;
  /** Bytes acknowledged so far: a failed write is cut back to here. */
  #size: number;

  private constructor(fd: number, release: () => void) {
    this.#fd = fd;
    this.#release = release;
    this.#size = fstatSync(fd).size;
  }

  static open(dataDir: string, db: JournalDatabase, warn: (message: string) => void): Journal {
    mkdirSync(dataDir, { recursive: true });
    const release = lockDataDir(dataDir);
    try {
      const path = join(dataDir, FILE);
      if (existsSync(path)) replay(path, db, warn);
      compact(dataDir, path, db);
      return new Journal(openSync(path, 'a'), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  append(changes: readonly Change[]): void {
    const line = Buffer.from(`${encode(changes)}\n`);
    try {
      writeAll(this.#fd, line);
      fsyncSync(this.#fd);
    } catch (error) {
      // A half-written line (disk full) followed by later good ones would read as damage at the
      // next start; cut it off so the journal stays clean.
      ftruncateSync(this.#fd, this.#size);
      throw error;
    }
    this.#size += line.length;
  }

  close(): void {
    closeSync(this.#fd);
    this.#release();
  }
}

function replay(path: string, db: JournalDatabase, warn: (message: string) => void): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last] === '') last--;
  for (let i = 0; i <= last; i++) {
    const line = lines[i] ?? '';
    const changes = line === '' ? [] : decode(line);
    if (changes === undefined) {
      // Only the last line can be torn by a crash mid-write; its commit was never acknowledged.
      if (i === last) {
        warn(`Skipped an incomplete last line (line ${i + 1}) in ${path}, left by a crash while writing; nothing acknowledged is lost.`);
        continue;
      }
      throw new AppError(ErrorCode.NotPossible, `The journal ${path} is damaged at line ${i + 1} of ${last + 1}; restore it from a backup.`);
    }
    for (const change of changes) db.apply(change);
  }
}

function compact(dataDir: string, path: string, db: JournalDatabase): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    let batch = '';
    for (const change of db.snapshot()) {
      batch += `${encode([change])}\n`;
      if (batch.length >= BATCH_BYTES) {
        writeAll(fd, Buffer.from(batch));
        batch = '';
      }
    }
    writeAll(fd, Buffer.from(batch));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  // The rename itself is durable only once the directory is synced.
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
}

// Dates are tagged so they come back as Dates; JSON.stringify has already called toJSON on
// `value`, so the original is read from the holder.
function encode(changes: readonly Change[]): string {
  return JSON.stringify({ changes }, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : value;
  });
}

function decode(line: string): Change[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line, (_key, value: unknown) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const keys = Object.keys(value);
        const tagged = (value as { $date?: unknown }).$date;
        if (keys.length === 1 && typeof tagged === 'string') return new Date(tagged);
      }
      return value;
    });
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || !('changes' in parsed) || !Array.isArray(parsed.changes)) return undefined;
  const changes: unknown[] = parsed.changes;
  const wellFormed = changes.every(
    (c) => c !== null && typeof c === 'object' && 'kind' in c && typeof c.kind === 'string' && CHANGE_KINDS.has(c.kind) && 'value' in c && typeof c.value === 'object' && c.value !== null,
  );
  return wellFormed ? (changes as Change[]) : undefined;
}
