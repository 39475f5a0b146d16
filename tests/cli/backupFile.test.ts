import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBackupFile, writeBackupFile } from '../../src/cli/backupFile.ts';
import type { StoreItem } from '../../src/ports/storeBackup.ts';
import { SCHOOL, aPlacement, anAuditInput, at } from '../contracts/factories.ts';

// A trust's backup is larger than the longest string JavaScript can hold, so it is written and read
// a line at a time; reading it here in pieces of a few bytes splits lines and characters between them.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apbot-backup-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function someItems(): StoreItem[] {
  const placements: StoreItem[] = Array.from({ length: 30 }, (_, i) => ({
    kind: 'placement',
    value: { record: { schoolId: SCHOOL, placement: aPlacement({ id: `p-${i}`, pupil: { ref: `PUP-${i}`, initials: 'AB' } }), nextDueAt: at('2026-02-09T09:00:00Z') }, decisionKeys: [`create:${i}`] },
  }));
  const audit: StoreItem[] = Array.from({ length: 30 }, (_, i) => ({
    kind: 'audit',
    value: { ...anAuditInput({ summary: `Visit noted ${'é😀'.repeat(i)} ${i}` }), id: `entry-${i}`, seq: i + 1 },
  }));
  return [...placements, ...audit];
}

async function* asStream(items: StoreItem[]): AsyncIterable<StoreItem> {
  yield* items;
}

async function backedUp(items: StoreItem[]): Promise<string> {
  const path = join(dir, 'backup.jsonl');
  await writeBackupFile(path, asStream(items), { store: 'embedded store', at: at('2026-02-09T18:00:00Z') });
  return path;
}

describe('a backup file read a few bytes at a time', () => {
  it('gives back every item as it was written, dates as dates, with the counts from its closing line', async () => {
    const items = someItems();
    const path = await backedUp(items);
    for (const pieceBytes of [3, 7, 64, 1 << 20]) {
      const read = readBackupFile(path, pieceBytes);
      expect(read.counts).toEqual({ placement: 30, audit: 30 });
      const restored = [...read.items];
      expect(restored).toEqual(items);
      expect((restored[0] as Extract<StoreItem, { kind: 'placement' }>).value.record.nextDueAt).toBeInstanceOf(Date);
      // Read again, as a restore that is retried would.
      expect([...read.items]).toHaveLength(60);
    }
  });

  it('reads a closing line that lacks its newline', async () => {
    const path = await backedUp(someItems());
    writeFileSync(path, readFileSync(path, 'utf8').trimEnd());
    expect([...readBackupFile(path, 5).items]).toHaveLength(60);
  });

  it('refuses a backup cut short, one with an item that is not a stored item, and one changed after it was checked', async () => {
    const path = await backedUp(someItems());
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
    expect(() => readBackupFile(path, 7)).toThrow(/not a complete apbot backup: it ends early/);
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n${(lines.at(-1) as string).slice(0, 10)}`);
    expect(() => readBackupFile(path, 7)).toThrow(/line 62 is not JSON/);
    writeFileSync(path, [lines[0], '{"kind":"pupil","value":{}}', ...lines.slice(2)].join('\n'));
    expect(() => readBackupFile(path, 7)).toThrow(/line 2 is not a stored item/);

    writeFileSync(path, `${lines.join('\n')}\n`);
    const read = readBackupFile(path, 7);
    writeFileSync(path, `${lines.slice(0, 20).join('\n')}\n`);
    expect(() => [...read.items]).toThrow(/changed while it was being restored/);
  });

  it('says plainly when there is no such file', () => {
    expect(() => readBackupFile(join(dir, 'missing.jsonl'))).toThrow(/Cannot read the backup .*missing\.jsonl: no such file/);
  });
});
