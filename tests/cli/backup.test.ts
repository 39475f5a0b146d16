import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { openMongoStores } from '../../src/adapters/storage/mongo/openMongoStores.ts';
import { loadPlacementsFile } from '../../src/config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE } from '../../src/config/schools.ts';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const AT = '2026-02-09T10:00:00Z';
const PUPILS = [...new Set(loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE).map((p) => p.pupil.ref))];
let dir: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

function useStore(env: Record<string, string>) {
  for (const key of ['DATA_DIR', 'STORE', 'MONGODB_URI']) delete process.env[key];
  Object.assign(process.env, env);
}

/** The demo school after a morning's work: decisions, an attendance mark, a concern for the DSL, someone's chat. */
async function aMorningsWork(dataDir: string) {
  useStore({ DATA_DIR: dataDir, STORE: 'memory' });
  const decisions: [string, string, string, object][] = [
    ['s-aplead', 'recordReview', 'P-001', { attendees: ['pupil', 'parents'], progress: 'Settling well', outcome: 'continue', nextReviewOn: '2026-03-16' }],
    ['s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'present' }],
    ['s-teacher', 'logConcern', 'P-002', { category: 'behaviour', details: 'Left the provider site at lunchtime without permission.' }],
  ];
  for (const [as, decision, placement, json] of decisions) expect((await ap('decide', decision, '--as', as, '--placement', placement, '--at', AT, '--json', JSON.stringify(json))).stderr).toBe('');
  const stores = await openJournalStores({ dataDir });
  await stores.conversations.save('oakfield', 's-aplead', 'teams', { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' }, new Date(AT));
  await stores.close();
}

async function historiesOf(env: Record<string, string>): Promise<string[]> {
  useStore(env);
  const shown: string[] = [];
  for (const ref of PUPILS) shown.push((await ap('history', ref, '--as', 's-dsl')).stdout);
  return shown;
}

const qaVisit = JSON.stringify({ on: '2026-02-09', visitedBy: 'Ms R Okafor', checked: ['teaching', 'safeguarding'], outcome: 'satisfactory', actions: 'none' });
const itemLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apbot-backup-'));
});
afterEach(() => useStore({}));

describe('ap backup and ap restore on the embedded store', () => {
  it('restores into an empty store the same history for every pupil, and a backup of it is the same backup', async () => {
    await aMorningsWork(join(dir, 'a'));
    const backedUp = await ap('backup', join(dir, 'backup.jsonl'));
    expect(backedUp.stdout).toMatch(/^Backed up embedded store in .* to .*backup\.jsonl: 12 placements, 15 audit entries, 1 outbox entries, 1 attendance marks, 1 school config versions, 1 conversations, 4 providers\.$/);
    expect(statSync(join(dir, 'backup.jsonl')).mode & 0o777).toBe(0o600);

    useStore({ DATA_DIR: join(dir, 'b'), STORE: 'memory' });
    const restored = await ap('restore', join(dir, 'backup.jsonl'));
    expect(restored.code).toBe(0);
    expect(await historiesOf({ DATA_DIR: join(dir, 'b'), STORE: 'memory' })).toEqual(await historiesOf({ DATA_DIR: join(dir, 'a'), STORE: 'memory' }));
    expect((await historiesOf({ DATA_DIR: join(dir, 'b'), STORE: 'memory' })).join('\n')).toContain('Left the provider site');

    useStore({ DATA_DIR: join(dir, 'b'), STORE: 'memory' });
    await ap('backup', join(dir, 'again.jsonl'));
    expect(itemLines(join(dir, 'again.jsonl'))).toEqual(itemLines(join(dir, 'backup.jsonl')));
    const stores = await openJournalStores({ dataDir: join(dir, 'b') });
    expect(await stores.conversations.get('oakfield', 's-aplead', 'teams')).toMatchObject({ reference: { conversation: { id: 'a:1' } } });
    expect((await stores.attendance.listForPlacement('oakfield', 'P-001', '2026-02-09', '2026-02-09')).map((m) => m.mark)).toEqual(['present']);
    await stores.close();
  });

  it('a press repeated after the restore still records once', async () => {
    await aMorningsWork(join(dir, 'a'));
    await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--key', 'press-1', '--json', qaVisit);
    await ap('backup', join(dir, 'backup.jsonl'));
    useStore({ DATA_DIR: join(dir, 'b'), STORE: 'memory' });
    await ap('restore', join(dir, 'backup.jsonl'));
    const again = await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', AT, '--key', 'press-1', '--json', qaVisit);
    expect(JSON.parse(again.stdout).replayed).toBe(true);
  });

  it('refuses a store that holds anything, and a backup cut short, changing nothing', async () => {
    await aMorningsWork(join(dir, 'a'));
    await ap('backup', join(dir, 'backup.jsonl'));
    useStore({ DATA_DIR: join(dir, 'a'), STORE: 'memory' });
    const intoFull = await ap('restore', join(dir, 'backup.jsonl'));
    expect(intoFull.code).toBe(2);
    expect(intoFull.stderr).toContain('The store is not empty');

    const lines = readFileSync(join(dir, 'backup.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'short.jsonl'), `${lines.slice(0, -3).join('\n')}\n`);
    useStore({ DATA_DIR: join(dir, 'c'), STORE: 'memory' });
    const short = await ap('restore', join(dir, 'short.jsonl'));
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('is not a complete apbot backup: it ends early');
    writeFileSync(join(dir, 'tampered.jsonl'), [lines[0], ...lines.slice(2)].join('\n'));
    expect((await ap('restore', join(dir, 'tampered.jsonl'))).stderr).toContain('do not add up to the counts');
    const stores = await openJournalStores({ dataDir: join(dir, 'c') });
    expect(await stores.placements.list('oakfield')).toEqual([]);
    await stores.close();
  });
});

const uri = process.env.MONGODB_URI;
describe.skipIf(!uri)('ap restore into MongoDB (runs where MONGODB_URI is set)', () => {
  it('restores the embedded store into an empty MongoDB database with the same history for every pupil, and back again', async () => {
    const mongo = new URL(uri as string);
    mongo.pathname = `/apbot_backup_${process.pid}_${randomBytes(3).toString('hex')}`;
    await aMorningsWork(join(dir, 'a'));
    await ap('backup', join(dir, 'backup.jsonl'));
    const onMongo = { STORE: 'mongo', MONGODB_URI: mongo.href };
    try {
      useStore(onMongo);
      expect((await ap('restore', join(dir, 'backup.jsonl'))).code).toBe(0);
      expect(await historiesOf(onMongo)).toEqual(await historiesOf({ DATA_DIR: join(dir, 'a'), STORE: 'memory' }));
      useStore(onMongo);
      await ap('backup', join(dir, 'from-mongo.jsonl'));
      useStore({ DATA_DIR: join(dir, 'b'), STORE: 'memory' });
      expect((await ap('restore', join(dir, 'from-mongo.jsonl'))).code).toBe(0);
      expect(await historiesOf({ DATA_DIR: join(dir, 'b'), STORE: 'memory' })).toEqual(await historiesOf({ DATA_DIR: join(dir, 'a'), STORE: 'memory' }));
    } finally {
      const stores = await openMongoStores(mongo.href);
      await stores.connection.dropDatabase();
      await stores.close();
    }
  });
});
