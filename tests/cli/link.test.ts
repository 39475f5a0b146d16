import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { importPlacements } from '../../src/app/importPlacements.ts';
import { loadPlacementsFile } from '../../src/config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE, EXAMPLE_SCHOOL_FILE, loadConfiguredSchools } from '../../src/config/schools.ts';
import type { School } from '../../src/core/policy/schoolConfig.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { runCli } from '../../src/cli/main.ts';
import { startBot, type RunningBot } from '../../src/server.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';
import { pdfText } from '../fixtures/pdfText.ts';

let dataDir: string;
let bot: RunningBot | undefined;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'apbot-link-'));
  process.env.DATA_DIR = dataDir;
  process.env.STORE = 'memory';
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  delete process.env.DATA_DIR;
  delete process.env.STORE;
  delete process.env.PUBLIC_URL;
});

describe('ap link register', () => {
  it('prints a link the running demo bot opens for that member of staff, signed with the secret they share in DATA_DIR', async () => {
    bot = await startBot(readEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), () => {});
    process.env.PUBLIC_URL = bot.url;
    const { code, stdout } = await ap('link', 'register', '--as', 's-aplead');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${bot.url}/register\\?t=[\\w-]+\\.[\\w-]+$`));
    const page = await fetch(stdout);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('AP register: Oakfield Academy');
    // The generated secret is the owner's alone.
    expect(statSync(join(dataDir, 'link-secret')).mode & 0o077).toBe(0);
    expect((await fetch(`${bot.url}/register`)).status).toBe(403);
  });

  it('names what is wrong: someone not on the staff, an unknown school, a missing --as', async () => {
    expect(await ap('link', 'register', '--as', 's-nobody')).toMatchObject({ code: 2, stderr: 'ap link: s-nobody is not on the staff of Oakfield Academy.' });
    expect(await ap('link', 'register', '--as', 's-aplead', '--school', 'elsewhere')).toMatchObject({ code: 2, stderr: 'ap link: --school must be one of: oakfield.' });
    expect(await ap('link', 'register')).toMatchObject({ code: 2, stderr: 'usage: ap link register|report|trust --as <staff id> [--school <id>]' });
    expect(await ap('link', 'elsewhere', '--as', 's-aplead')).toMatchObject({ code: 2, stderr: 'usage: ap link register|report|trust --as <staff id> [--school <id>]' });
    expect(await ap('link', 'report', '--as', 's-attendance')).toMatchObject({ code: 2, stderr: 'ap link: s-attendance does not read the termly report at Oakfield Academy.' });
    expect(await ap('link', 'trust', '--as', 's-governor')).toMatchObject({ code: 2, stderr: 'ap link: s-governor does not read the termly report in more than one school (the same Teams or Slack account on the staff of each).' });
  });
});

describe('ap report', () => {
  it("writes the governors' PDF for a term, with the numbers counted on the page", async () => {
    const out = join(dataDir, 'autumn.pdf');
    const { code, stdout } = await ap('report', '--school', 'oakfield', '--term', 'Autumn 2025', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out}: Alternative provision: Autumn 2025, Oakfield Academy (Wed 3 Sep 2025 to Fri 19 Dec 2025)`);
    const words = pdfText(readFileSync(out));
    expect(words).toContain('80% (4 of 5)');
    expect(words).not.toContain('Y9-0412');
    expect(await ap('report', '--term', 'Winter 2031')).toMatchObject({ code: 2 });
    expect(await ap('report', '--trust', '--term', 'Autumn 2025')).toMatchObject({ code: 2, stderr: 'ap report: --trust adds up the schools in SCHOOLS_DIR, and there is only one: use --school.' });
  });
});

describe("ap report --trust and ap link trust, for a trust's two schools", () => {
  beforeEach(async () => {
    // Oakfield and Elmwood in SCHOOLS_DIR, each with its example placements in the embedded store.
    const schoolsDir = join(dataDir, 'schools');
    mkdirSync(schoolsDir);
    copyFileSync(EXAMPLE_SCHOOL_FILE, join(schoolsDir, 'oakfield.yaml'));
    copyFileSync(fileURLToPath(new URL('../../examples/elmwood/school.yaml', import.meta.url)), join(schoolsDir, 'elmwood.yaml'));
    process.env.SCHOOLS_DIR = schoolsDir;
    const stores = await openJournalStores({ dataDir });
    const [elmwood, oakfield] = loadConfiguredSchools(readEnv());
    await importPlacements(stores, oakfield as School, loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE), new Date(), 'test-seed');
    await importPlacements(stores, elmwood as School, loadPlacementsFile(fileURLToPath(new URL('../../examples/elmwood/placements.json', import.meta.url))), new Date(), 'test-seed');
    await stores.close();
  });
  afterEach(() => {
    delete process.env.SCHOOLS_DIR;
  });

  it('writes one PDF adding up both schools, with each school beside the totals', async () => {
    const out = join(dataDir, 'trust.pdf');
    const { code, stdout } = await ap('report', '--trust', '--term', 'Autumn 2025', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out}: Alternative provision across 2 schools: Autumn 2025 (Elmwood High School, Oakfield Academy)`);
    const words = pdfText(readFileSync(out));
    expect(words).toContain('99% (144 of 146 sessions)');
    expect(words).toContain('Oakfield Academy: Reviews 80% (4 of 5)');
    expect(words).not.toContain('Y8-1001');
    expect(await ap('report', '--trust', '--school', 'oakfield', '--term', 'Autumn 2025')).toMatchObject({ code: 2 });
  });

  it("prints a link to the trust's report for the governor on both schools' staff, and refuses a headteacher of one", async () => {
    const { code, stdout } = await ap('link', 'trust', '--as', 'e-governor', '--school', 'elmwood');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\/register\/trust\?t=[\w-]+\.[\w-]+$/);
    expect(await ap('link', 'trust', '--as', 'e-head', '--school', 'elmwood')).toMatchObject({ code: 2 });
  });
});
