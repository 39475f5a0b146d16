import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { AppError, ErrorCode } from '../core/errors.ts';
import { STORE_ITEM_KINDS, type StoreItem } from '../ports/storeBackup.ts';

const FORMAT = 'apbot-backup';
const VERSION = 1;

type Counts = Partial<Record<StoreItem['kind'], number>>;

// Dates are tagged so they come back as Dates (JSON.stringify has already called toJSON on `value`).
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : v;
  });
}

function decode(line: string): unknown {
  return JSON.parse(line, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = (value as { $date?: unknown }).$date;
      if (Object.keys(value).length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  });
}

/**
 * Writes a backup: a header, one line per item, and a closing line with the counts, so a file cut
 * short is never restored. It holds pupils' records, so only its owner may read it.
 */
export async function writeBackupFile(path: string, items: AsyncIterable<StoreItem>, about: { store: string; at: Date }): Promise<Counts> {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  const counts: Counts = {};
  try {
    writeSync(fd, `${encode({ format: FORMAT, version: VERSION, store: about.store, at: about.at })}\n`);
    for await (const item of items) {
      writeSync(fd, `${encode(item)}\n`);
      counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    }
    writeSync(fd, `${encode({ end: true, counts })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return counts;
}

/** Reads a whole backup and checks it before anything is restored from it. */
export function readBackupFile(path: string): { items: StoreItem[]; counts: Counts } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new AppError(ErrorCode.InvalidInput, `Cannot read the backup ${path}: ${reason}.`);
  }
  const lines = text.split('\n').filter((l) => l !== '');
  const bad = (why: string) => new AppError(ErrorCode.InvalidInput, `${path} is not a complete apbot backup: ${why}. Nothing was restored.`);
  const parse = (line: string, n: number) => {
    try {
      return decode(line) as Record<string, unknown>;
    } catch {
      throw bad(`line ${n} is not JSON`);
    }
  };
  const header = lines[0] === undefined ? undefined : parse(lines[0], 1);
  if (header?.format !== FORMAT) throw bad('it does not start with an apbot backup header');
  if (header.version !== VERSION) throw bad(`it is format version ${String(header.version)}, and this apbot reads version ${VERSION}`);
  const trailer = lines.length > 1 ? parse(lines[lines.length - 1] as string, lines.length) : undefined;
  if (trailer?.end !== true) throw bad('it ends early (the last line is not the closing line)');
  const items: StoreItem[] = [];
  const counts: Counts = {};
  lines.slice(1, -1).forEach((line, i) => {
    const item = parse(line, i + 2);
    if (!(STORE_ITEM_KINDS as readonly unknown[]).includes(item.kind) || typeof item.value !== 'object' || item.value === null) throw bad(`line ${i + 2} is not a stored item`);
    items.push(item as unknown as StoreItem);
    counts[item.kind as StoreItem['kind']] = (counts[item.kind as StoreItem['kind']] ?? 0) + 1;
  });
  if (JSON.stringify(counts) !== JSON.stringify(trailer.counts)) throw bad('its items do not add up to the counts on its closing line');
  return { items, counts };
}

export function describeCounts(counts: Counts): string {
  const words: Record<StoreItem['kind'], string> = { placement: 'placements', audit: 'audit entries', outbox: 'outbox entries', attendance: 'attendance marks', school: 'school config versions', conversation: 'conversations', provider: 'providers' };
  return STORE_ITEM_KINDS.map((kind) => `${counts[kind] ?? 0} ${words[kind]}`).join(', ');
}
