import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const AT = '2026-02-09T10:00:00Z';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
let dir: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

// A real school's deployment on the embedded store: SCHOOLS_DIR set, so no demo placements.
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apbot-import-'));
  mkdirSync(join(dir, 'schools'));
  copyFileSync(fileURLToPath(new URL('../../examples/school.yaml', import.meta.url)), join(dir, 'schools', 'oakfield.yaml'));
  process.env.SCHOOLS_DIR = join(dir, 'schools');
  process.env.DATA_DIR = join(dir, 'data');
  process.env.STORE = 'memory';
});
afterEach(() => {
  delete process.env.SCHOOLS_DIR;
  delete process.env.DATA_DIR;
  delete process.env.STORE;
});

describe('ap import placements', () => {
  it('shows the dry run row by row and writes nothing, then imports, then finds nothing to change', async () => {
    const dry = await ap('import', 'placements', fixture('sims-placements.csv'), '--map', fixture('mapping.yaml'), '--dry-run', '--at', AT);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^2\s+created\s+001234 AO\s+P-[0-9A-F]{8}\s+off-site AP at Riverside Farm, 2026-01-12 to 2026-07-22$/m);
    expect(dry.stdout).toContain('Columns not read (nothing in them is kept): UPN, Reg, Date of Birth.');
    expect(dry.stdout).toContain('3 rows: 3 created, 0 updated, 0 unchanged, 0 refused.');
    expect(dry.stdout).toContain('Dry run: nothing was written.');

    const done = await ap('import', 'placements', fixture('sims-placements.csv'), '--map', fixture('mapping.yaml'), '--at', AT, '--as', 's-aplead');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported.');
    const again = await ap('import', 'placements', fixture('sims-placements.csv'), '--map', fixture('mapping.yaml'), '--at', AT);
    expect(again.stdout).toContain('3 rows: 0 created, 0 updated, 3 unchanged, 0 refused.');

    const history = await ap('history', '001235', '--as', 's-head');
    expect(history.stdout).toMatch(/part_time_timetable\s+active\s+2026-02-09 to 2026-03-27/);
    const stores = await openJournalStores({ dataDir: join(dir, 'data') });
    const audit = await stores.audit.list('oakfield');
    await stores.close();
    expect(audit.map((e) => [e.actor, e.action])).toEqual([
      ['s-aplead', 'importPlacement'],
      ['s-aplead', 'importPlacement'],
      ['s-aplead', 'importPlacement'],
    ]);
  });

  it('exits 2 with every refused row named, and imports nothing', async () => {
    const result = await ap('import', 'placements', fixture('bromcom-with-problems.csv'), '--map', fixture('mapping.yaml'), '--at', AT);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^4\s+refused\s+002003 GE\s+start: 31\/02\/2026 is not a date in the calendar$/m);
    expect(result.stdout).toContain('Nothing was imported: an import is all or nothing.');
    const stores = await openJournalStores({ dataDir: join(dir, 'data') });
    expect(await stores.placements.list('oakfield')).toEqual([]);
    await stores.close();
  });

  it.each([
    { what: 'a missing file', args: ['import', 'placements', 'nowhere.csv'], message: /Cannot read the placements file nowhere.csv: no such file/ },
    { what: 'nothing to import', args: ['import'], message: /say what to import: placements/ },
    { what: 'an unknown kind of import', args: ['import', 'pupils', 'x.csv'], message: /say what to import/ },
    { what: 'a bad mapping file', args: ['import', 'placements', fixture('sims-placements.csv'), '--map', 'BAD'], message: /kinds.Farm: Invalid option/ },
    { what: 'an unknown school', args: ['import', 'placements', fixture('sims-placements.csv'), '--school', 'elsewhere'], message: /--school must be one of: oakfield/ },
  ])('refuses $what with exit code 2', async ({ args, message }) => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'kinds:\n  Farm: farm_placement\n');
    const result = await ap(...args.map((a) => (a === 'BAD' ? bad : a)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
