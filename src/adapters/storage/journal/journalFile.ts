import { chmodSync, closeSync, existsSync, fchmodSync, fstatSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, write, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import { countLines, linesOfFile } from '../linesOfFile.ts';
import { lockDataDir } from './dataDirLock.ts';
import type { Change, ChangeSink, JournalDatabase } from './journalDatabase.ts';
import { JournalLines, decodeLine } from './journalLines.ts';

const FILE = 'journal.jsonl';
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
// Lines written while compacting are batched up to this many bytes before each write.
const BATCH_BYTES = 1 << 20;
// A batch's buffer is kept for the next batch unless it grew past this (a restore's batch).
const SPARE_BYTES = 1 << 22;

/** Where a journal's lines are written and synced: the file system, or a failing one in tests. */
export interface JournalIo {
  write(fd: number, buffer: Buffer, offset: number, length: number, position: null, done: (error: NodeJS.ErrnoException | null, written: number) => void): void;
  fsync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void;
}

const FILE_SYSTEM: JournalIo = { write, fsync };

/** Commits waiting for one write and sync, and their callers' promise. */
class Batch {
  readonly lines: JournalLines;
  readonly durable: Promise<void>;
  settle!: (error?: unknown) => void;

  constructor(lines: JournalLines) {
    this.lines = lines;
    this.durable = new Promise<void>((resolve, reject) => (this.settle = (error) => (error === undefined ? resolve() : reject(error))));
    // A batch nobody waits on (its callers gave up) must not crash the process when it fails.
    this.durable.catch(() => undefined);
  }
}

/**
 * An append-only JSON-lines journal in a data directory: one line per commit. Opening locks the
 * directory, replays the journal into the database and rewrites it as a snapshot (write to a
 * temporary file, fsync, rename), so it never grows without bound.
 *
 * Commits share syncs (group commit): a commit's line joins the batch that is written and fsync'd
 * next, off the event loop, and its promise settles once that sync has. Lines reach the file in the
 * order the database applied them. A failed write or sync rejects its batch and every commit after
 * it, cuts the file back to what was acknowledged, and reads the database back from the file, so
 * memory holds exactly what a restart would.
 */
export class Journal implements ChangeSink {
  readonly #fd: number;
  readonly #release: () => void;
  readonly #dataDir: string;
  readonly #db: JournalDatabase;
  readonly #warn: (message: string) => void;
  readonly #io: JournalIo;
  /** Bytes acknowledged so far: a failed write is cut back to here. */
  #size: number;
  /** The batch being written and synced, and the one gathering commits meanwhile. */
  #writing: Batch | undefined;
  #next: Batch | undefined;
  /** A written batch's buffer, cleared, for the next batch. */
  #spare: JournalLines | undefined;
  /** Why nothing more can be written (the file could not be put back after a failure). */
  #broken: unknown;

  private constructor(fd: number, release: () => void, dataDir: string, db: JournalDatabase, warn: (message: string) => void, io: JournalIo) {
    this.#fd = fd;
    this.#release = release;
    this.#dataDir = dataDir;
    this.#db = db;
    this.#warn = warn;
    this.#io = io;
    this.#size = fstatSync(fd).size;
  }

  static open(dataDir: string, db: JournalDatabase, warn: (message: string) => void, io: JournalIo = FILE_SYSTEM): Journal {
    keepPrivate(dataDir);
    const release = lockDataDir(dataDir);
    try {
      const path = join(dataDir, FILE);
      if (existsSync(path)) replay(path, db, warn);
      compact(dataDir, path, db);
      return new Journal(openSync(path, 'a', PRIVATE_FILE), release, dataDir, db, warn, io);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Queues the commit's line (encoded now, as applied); settles once it is on disk. */
  append(changes: readonly Change[]): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    const batch = this.#next ?? new Batch(this.#spare ?? new JournalLines());
    // A commit that cannot be encoded throws here, leaving the batch as it was.
    batch.lines.add(changes);
    if (batch !== this.#next) {
      this.#spare = undefined;
      this.#next = batch;
      // Every commit made in this turn of the event loop joins it, unless a sync is under way.
      if (!this.#writing) queueMicrotask(() => this.#flush());
    }
    return batch.durable;
  }

  /** Everything appended so far is on disk (or failed). */
  durable(): Promise<void> {
    return (this.#next ?? this.#writing)?.durable ?? Promise.resolve();
  }

  #flush(): void {
    const batch = this.#next;
    if (!batch || this.#writing) return;
    this.#next = undefined;
    this.#writing = batch;
    const buffer = batch.lines.bytes();
    const written = (error: unknown) => {
      if (error) return this.#fail(error);
      this.#size += buffer.length;
      this.#writing = undefined;
      if (batch.lines.capacity <= SPARE_BYTES) {
        batch.lines.clear();
        this.#spare = batch.lines;
      }
      batch.settle();
      this.#flush();
    };
    writeFully(this.#io, this.#fd, buffer, (error) => (error ? written(error) : this.#io.fsync(this.#fd, written)));
  }

  /**
   * The batch being written did not reach the disk: it, and every commit after it (each may rest
   * on it), are refused; the file is cut back to what was acknowledged (a half-written line would
   * read as damage at the next start) and memory is read back from it.
   */
  #fail(error: unknown): void {
    const failed = [this.#writing, this.#next];
    this.#writing = this.#next = undefined;
    try {
      ftruncateSync(this.#fd, this.#size);
      this.#db.clear();
      replay(join(this.#dataDir, FILE), this.#db, this.#warn);
    } catch (cause) {
      // Memory may now hold what the file does not: refuse every later commit until a restart.
      this.#broken = cause;
    }
    for (const batch of failed) batch?.settle(error);
  }

  /**
   * Whether a write to the data directory would go through now: a small file is written, fsync'd
   * and removed (disk full, a read-only mount or lost permissions all fail it).
   */
  canWrite(): boolean {
    if (this.#broken !== undefined) return false;
    const probe = join(this.#dataDir, 'write-probe');
    try {
      const fd = openSync(probe, 'w', PRIVATE_FILE);
      try {
        writeAll(fd, Buffer.alloc(512, 0x20));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(probe);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits for the commits already made to be written, then closes the file and frees the directory. */
  async close(): Promise<void> {
    for (let pending = this.durable(); this.#next || this.#writing; pending = this.durable()) await pending.catch(() => undefined);
    closeSync(this.#fd);
    this.#release();
  }
}

/**
 * The data directory holds concern details, so it is the bot's alone: created 0700, tightened to
 * 0700 where it can be, and refused if anyone else may write to it (they could replace the journal).
 */
function keepPrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o022) !== 0)
    throw new AppError(
      ErrorCode.NotPossible,
      `The data directory ${resolve(dataDir)} can be written by other users (mode ${mode.toString(8).padStart(4, '0')}), who could change or replace the journal. Run \`chmod 700 ${resolve(dataDir)}\` and start again.`,
    );
  if ((mode & 0o077) !== 0) {
    try {
      chmodSync(dataDir, PRIVATE_DIR);
    } catch {
      // Not ours to change (a mounted volume): the files in it are private all the same.
    }
  }
}

function replay(path: string, db: JournalDatabase, warn: (message: string) => void): void {
  const total = countLines(path);
  // A journal from before lines carried checksums: read as it was written, then rewritten with them.
  let unsummed: boolean | undefined;
  let at = 0;
  // Every write ends with a newline, so only a last line without one can be torn by a crash mid-write.
  const lines = linesOfFile(path);
  let next = lines.next();
  for (; !next.done; next = lines.next()) {
    const line = next.value;
    at++;
    unsummed ??= line.startsWith('{');
    const changes = decodeLine(line, unsummed);
    if (changes === undefined)
      throw new AppError(
        ErrorCode.NotPossible,
        `The journal ${path} is damaged at line ${at} of ${total}: ${unsummed ? 'it is not a journal entry' : 'its checksum does not match what was written'}. apbot will not start on it, so that nothing acknowledged is silently lost. Stop every apbot using ${dirname(path)}, keep a copy of the file, and restore the data directory from your latest backup.`,
      );
    for (const change of changes) db.apply(change);
  }
  if (next.value !== undefined) warn(`Skipped an incomplete last line (line ${total + 1}) in ${path}, left by a crash while writing; nothing acknowledged is lost.`);
}

function compact(dataDir: string, path: string, db: JournalDatabase): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE);
  try {
    // A temporary file left by a crash keeps the mode it was made with.
    fchmodSync(fd, PRIVATE_FILE);
    const lines = new JournalLines();
    for (const change of db.snapshot()) {
      lines.add([change]);
      if (lines.length >= BATCH_BYTES) {
        writeAll(fd, lines.bytes());
        lines.clear();
      }
    }
    writeAll(fd, lines.bytes());
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

function writeFully(io: JournalIo, fd: number, buffer: Buffer, done: (error: unknown) => void, offset = 0): void {
  if (offset === buffer.length) return done(null);
  io.write(fd, buffer, offset, buffer.length - offset, null, (error, written) => (error ? done(error) : writeFully(io, fd, buffer, done, offset + written)));
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
}
