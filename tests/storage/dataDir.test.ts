import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { SCHOOL, aCreate, aDecision, anAuditInput } from '../contracts/factories.ts';

const STARTER = fileURLToPath(new URL('./fixtures/lockStarter.ts', import.meta.url));

let root: string;
let dataDir: string;
let open: Stores[];
let warnings: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'apbot-datadir-'));
  dataDir = join(root, 'data');
  open = [];
  warnings = [];
});
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
});

async function openStores(): Promise<Stores> {
  const stores = await openJournalStores({ dataDir, warn: (message) => warnings.push(message) });
  open.push(stores);
  return stores;
}

async function closeStores(stores: Stores): Promise<void> {
  open = open.filter((s) => s !== stores);
  await stores.close();
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The pid of a process that has exited, and the start time field of one that is still running. */
async function aDeadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}
function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

describe('the data directory lock', () => {
  let bundle: string;
  beforeAll(() => {
    // Plain JavaScript, so a hundred starters cost a hundred Node starts and no TypeScript compiles.
    bundle = join(mkdtempSync(join(tmpdir(), 'apbot-lockstarter-')), 'lockStarter.mjs');
    buildSync({ entryPoints: [STARTER], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => rmSync(join(bundle, '..'), { recursive: true, force: true }));

  /** Starts `n` starters, lets them all try at the same moment, and returns what each said. */
  async function startersAtOnce(n: number): Promise<string[]> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const children: ChildProcessWithoutNullStreams[] = [];
    const said: string[][] = [];
    const ready: Promise<void>[] = [];
    const answered: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const child = spawn(process.execPath, [bundle, dataDir], { stdio: 'pipe' });
      children.push(child);
      const lines: string[] = [];
      said.push(lines);
      let buffer = '';
      const onLine: (() => void)[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        lines.push(...parts);
        onLine.forEach((f) => f());
      });
      ready.push(new Promise((resolve) => onLine.push(() => lines.includes('ready') && resolve())));
      answered.push(new Promise((resolve) => onLine.push(() => lines.length > 1 && resolve())));
    }
    await Promise.all(ready);
    for (const child of children) child.stdin.write('go\n');
    await Promise.all(answered);
    const exited = children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve))));
    for (const child of children) child.stdin.end();
    await Promise.all(exited);
    return said.map((lines) => lines[1] ?? '');
  }

  it('is held by exactly one of a hundred starters started at the same moment over a stale lock', async () => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'LOCK'), JSON.stringify({ app: 'apbot', pid: await aDeadPid(), start: '1' }));
    const answers = await startersAtOnce(100);
    expect(answers.filter((a) => a === 'held')).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith('refused The data directory') && a.includes('is in use by another apbot process'))).toHaveLength(99);
    // The holder released it on the way out, leaving nothing behind.
    expect(readdirSync(dataDir)).toEqual([]);
  }, 120_000);

  it("records the holder's pid and start time, readable by nobody else", async () => {
    await openStores();
    const lock = join(dataDir, 'LOCK');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual({ app: 'apbot', pid: process.pid, start: startTimeOf(process.pid) });
    expect(modeOf(lock)).toBe(0o600);
  });

  it('is taken over when its pid now belongs to a process that started later, and refused while the holder itself runs', async () => {
    const other = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => other.on('spawn', resolve));
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dataDir, 'LOCK'), JSON.stringify({ app: 'apbot', pid: other.pid, start: String(Number(startTimeOf(other.pid!)) - 500) }));
      const stores = await openStores();
      expect(JSON.parse(readFileSync(join(dataDir, 'LOCK'), 'utf8'))).toMatchObject({ pid: process.pid });
      await closeStores(stores);

      writeFileSync(join(dataDir, 'LOCK'), JSON.stringify({ app: 'apbot', pid: other.pid, start: startTimeOf(other.pid!) }));
      await expect(openStores()).rejects.toThrow(`in use by another apbot process (pid ${other.pid})`);
    } finally {
      other.kill();
    }
  });
});

describe('a journal line that changed after it was written', () => {
  async function aJournalOfThree(): Promise<string> {
    const stores = await openStores();
    const created = await stores.placements.create(aCreate());
    await stores.placements.applyDecision(aDecision(created.record, 'review:1'));
    await stores.audit.append(anAuditInput({ action: 'refused:recordReview', outcome: 'refused' }));
    await closeStores(stores);
    return join(dataDir, 'journal.jsonl');
  }

  it('stops the start with its line number and what to do, and is never silently dropped', async () => {
    const path = await aJournalOfThree();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(3);
    // Still valid JSON, still a journal entry: only the checksum can tell.
    lines[1] = lines[1]!.replace('"version":1', '"version":7');
    writeFileSync(path, lines.join('\n'));
    const error = (await openStores().then(
      () => new Error('opened'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toMatch(/journal .*journal\.jsonl is damaged at line 2 of \d+: its checksum does not match/);
    expect(error.message).toContain('restore the data directory from your latest backup');
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n'));
    expect(existsSync(join(dataDir, 'LOCK'))).toBe(false);
  });

  it('stops the start when it is the last line, if the line is complete', async () => {
    const path = await aJournalOfThree();
    const text = readFileSync(path, 'utf8');
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    writeFileSync(path, `${text.slice(0, lastStart)}${text.slice(lastStart).replace('"seq":', '"seq":1')}`);
    await expect(openStores()).rejects.toThrow(/damaged at line \d+ of \d+: its checksum does not match/);
    expect(warnings).toEqual([]);
  });

  it('skips only a torn last line (no newline: the write never finished), with a warning', async () => {
    const path = await aJournalOfThree();
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, -20));
    const stores = await openStores();
    expect(warnings).toEqual([expect.stringMatching(/Skipped an incomplete last line/)]);
    expect(await stores.placements.get(SCHOOL, 'p-1')).toBeDefined();
  });

  it('reads a journal written before lines had checksums, and rewrites it with them', async () => {
    const path = await aJournalOfThree();
    const checked = readFileSync(path, 'utf8');
    writeFileSync(path, checked.replace(/^[0-9a-f]{16} /gm, ''));
    const stores = await openStores();
    expect(await stores.audit.list(SCHOOL)).toHaveLength(3);
    await closeStores(stores);
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{16} \{/);
  });
});

describe("the data directory's permissions", () => {
  it('makes the directory 0700 and the journal 0600', async () => {
    const stores = await openStores();
    await stores.audit.append(anAuditInput());
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'journal.jsonl'))).toBe(0o600);
  });

  it.each([0o777, 0o775, 0o757, 0o1777])('refuses to start on a directory others can write to (mode %s), changing nothing', async (mode) => {
    mkdirSync(dataDir);
    chmodSync(dataDir, mode);
    await expect(openStores()).rejects.toThrow(/can be written by other users .* Run `chmod 700 /);
    expect(existsSync(join(dataDir, 'LOCK'))).toBe(false);
    expect(existsSync(join(dataDir, 'journal.jsonl'))).toBe(false);
    expect(modeOf(dataDir)).toBe(mode & 0o777);
  });

  it('closes a directory others could read, and the journal a previous version left readable', async () => {
    const first = await openStores();
    await first.audit.append(anAuditInput());
    await closeStores(first);
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'journal.jsonl'), 0o644);
    await openStores();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'journal.jsonl'))).toBe(0o600);
  });
});
