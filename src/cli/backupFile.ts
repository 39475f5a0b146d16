import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { linesOfFile, READ_BYTES } from '../adapters/storage/linesOfFile.ts';
import { parseTagged, stringifyTagged } from '../adapters/storage/taggedJson.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { STORE_ITEM_KINDS, type StoreItem } from '../ports/storeBackup.ts';

const FORMAT = 'apbot-backup';
const VERSION = 1;
// Lines are written out in batches of about this many characters.
const WRITE_BATCH = 1 << 20;

type Counts = Partial<Record<StoreItem['kind'], number>>;

/**
 * Writes a backup: a header, one line per item, and a closing line with the counts, so a file cut
 * short is never restored. It holds pupils' records, so only its owner may read it. Items are
 * written as they come, so a trust's backup is never held whole.
 */
export async function writeBackupFile(path: string, items: AsyncIterable<StoreItem>, about: { store: string; at: Date }): Promise<Counts> {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  const counts: Counts = {};
  try {
    let batch = `${stringifyTagged({ format: FORMAT, version: VERSION, store: about.store, at: about.at })}\n`;
    for await (const item of items) {
      batch += `${stringifyTagged(item)}\n`;
      counts[item.kind] = (counts[item.kind] ?? 0) + 1;
      if (batch.length >= WRITE_BATCH) {
        writeSync(fd, batch);
        batch = '';
      }
    }
    writeSync(fd, `${batch}${stringifyTagged({ end: true, counts })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return counts;
}

/**
 * Checks a whole backup before anything is restored from it, reading it a line at a time (a
 * trust's is larger than the longest string JavaScript holds); its items are then read from the
 * file again as they are restored, so they are never all held at once either.
 */
export function readBackupFile(path: string, pieceBytes = READ_BYTES): { items: Iterable<StoreItem>; counts: Counts } {
  const bad = (why: string) => new AppError(ErrorCode.InvalidInput, `${path} is not a complete apbot backup: ${why}. Nothing was restored.`);
  const parse = (line: string, n: number) => {
    try {
      return parseTagged(line) as Record<string, unknown>;
    } catch {
      throw bad(`line ${n} is not JSON`);
    }
  };
  const asItem = (record: Record<string, unknown>, n: number): StoreItem => {
    if (!(STORE_ITEM_KINDS as readonly unknown[]).includes(record.kind) || typeof record.value !== 'object' || record.value === null) throw bad(`line ${n} is not a stored item`);
    return record as unknown as StoreItem;
  };
  const counts: Counts = {};
  let n = 0;
  let last: Record<string, unknown> | undefined;
  try {
    for (const line of backupLines(path, pieceBytes)) {
      n++;
      const record = parse(line, n);
      if (n === 1) {
        if (record.format !== FORMAT) throw bad('it does not start with an apbot backup header');
        if (record.version !== VERSION) throw bad(`it is format version ${String(record.version)}, and this apbot reads version ${VERSION}`);
      } else if (last !== undefined && n > 2) {
        const { kind } = asItem(last, n - 1);
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      last = record;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new AppError(ErrorCode.InvalidInput, `Cannot read the backup ${path}: ${reason}.`);
  }
  if (n === 0) throw bad('it does not start with an apbot backup header');
  if (n === 1 || last?.end !== true) throw bad('it ends early (the last line is not the closing line)');
  if (JSON.stringify(counts) !== JSON.stringify(last.counts)) throw bad('its items do not add up to the counts on its closing line');
  const total = n - 2;
  const items = function* (): Generator<StoreItem> {
    let at = 0;
    for (const line of backupLines(path, pieceBytes)) {
      at++;
      if (at === 1) continue;
      if (at > total + 1) return;
      yield asItem(parse(line, at), at);
    }
    // Changed since it was checked: what was read is not what was checked.
    throw bad('it changed while it was being restored');
  };
  return { items: { [Symbol.iterator]: items }, counts };
}

/** The file's lines that hold anything, the last one even without its newline. */
function* backupLines(path: string, pieceBytes: number): Generator<string> {
  const lines = linesOfFile(path, pieceBytes);
  for (let next = lines.next(); ; next = lines.next()) {
    if (next.done) {
      if (next.value !== undefined && next.value.trim() !== '') yield next.value;
      return;
    }
    if (next.value.trim() !== '') yield next.value;
  }
}

export function describeCounts(counts: Counts): string {
  const words: Record<StoreItem['kind'], string> = { placement: 'placements', audit: 'audit entries', outbox: 'outbox entries', attendance: 'attendance marks', school: 'school config versions', conversation: 'conversations', provider: 'providers' };
  return STORE_ITEM_KINDS.map((kind) => `${counts[kind] ?? 0} ${words[kind]}`).join(', ');
}
