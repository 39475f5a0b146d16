import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSchoolFile } from '../../src/config/schoolFile.ts';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const example = readFileSync(new URL('../../examples/school.yaml', import.meta.url), 'utf8');
let dir: string;
let schoolFile: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** The example school with only its headteacher typed in by hand, as a school starting out would have. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apbot-staff-'));
  mkdirSync(join(dir, 'schools'));
  schoolFile = join(dir, 'schools', 'oakfield.yaml');
  const staff = example.slice(example.indexOf('staff:'), example.indexOf('  - id: s-aplead'));
  writeFileSync(schoolFile, example.slice(0, example.indexOf('staff:')) + staff.replace(/ {4}slack: .*\n/, ''));
  Object.assign(process.env, { SCHOOLS_DIR: join(dir, 'schools'), DATA_DIR: join(dir, 'data'), STORE: 'memory' });
});
afterEach(() => {
  for (const key of ['SCHOOLS_DIR', 'DATA_DIR', 'STORE', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL']) delete process.env[key];
  nock.cleanAll();
});

describe('ap import staff', () => {
  it('adds staff by email with their roles, recognises someone already typed in by name, and changes nothing the second time', async () => {
    const result = await ap('import', 'staff', fixture('staff.csv'), '--school', 'oakfield');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^2\s+updated\s+s-head\s+email added$/m);
    expect(result.stdout).toMatch(/^3\s+added\s+s-r-okafor\s+ap_lead, dsl$/m);
    expect(result.code).toBe(0);
    const staff = loadSchoolFile(schoolFile).config.staff;
    expect(staff.map((m) => [m.id, m.email, m.roles])).toEqual([
      ['s-head', 'a.patel@oakfield.sch.example', ['headteacher']],
      ['s-r-okafor', 'r.okafor@oakfield.sch.example', ['ap_lead', 'dsl']],
      ['s-t-nguyen', 't.nguyen@oakfield.sch.example', ['attendance_officer']],
      ['s-l-oconnor', 'l.oconnor@oakfield.sch.example', ['staff']],
    ]);
    expect(staff[0]?.teams).toEqual({ aadObjectId: '00000000-0000-0000-0000-0000000000021' });
    const written = readFileSync(schoolFile, 'utf8');
    const again = await ap('import', 'staff', fixture('staff.csv'));
    expect(again.stdout.match(/unchanged/g)).toHaveLength(4);
    expect(readFileSync(schoolFile, 'utf8')).toBe(written);
  });

  it('refuses a file with an unknown role, a bad email or the same email twice, and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Name,Email,Role\nA B,a@x.example,Caretaker\nC D,not-an-email,Teacher\nE F,a@x.example,Teacher\n');
    const before = readFileSync(schoolFile, 'utf8');
    const result = await ap('import', 'staff', bad);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^2\s+refused\s+roles: "Caretaker" is not a role the bot knows/m);
    expect(result.stdout).toMatch(/^3\s+refused\s+email: not-an-email is not an email address$/m);
    expect(result.stdout).toMatch(/^4\s+refused\s+email: a@x.example is on row 2 already$/m);
    expect(readFileSync(schoolFile, 'utf8')).toBe(before);
  });
});

describe('ap staff check', () => {
  it('finds Slack accounts by email, keeps them in the school file, and says who cannot be reached and why', async () => {
    await ap('import', 'staff', fixture('staff.csv'));
    Object.assign(process.env, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'https://slack.test/api/' });
    const asked: string[] = [];
    const found: Record<string, string> = { 'a.patel@oakfield.sch.example': 'U0PATEL', 'r.okafor@oakfield.sch.example': 'U0OKAFOR', 't.nguyen@oakfield.sch.example': 'U0NGUYEN' };
    nock('https://slack.test')
      .post('/api/users.lookupByEmail')
      .times(4)
      .reply(function (_uri, body) {
        expect(this.req.headers.authorization).toBe('Bearer xoxb-test');
        const email = new URLSearchParams(body as string).get('email') as string;
        asked.push(email);
        return found[email] ? [200, { ok: true, user: { id: found[email], deleted: false } }] : [200, { ok: false, error: 'users_not_found' }];
      });
    const result = await ap('staff', 'check');
    expect(result.code).toBe(0);
    expect(asked.sort()).toEqual(['a.patel@oakfield.sch.example', 'l.oconnor@oakfield.sch.example', 'r.okafor@oakfield.sch.example', 't.nguyen@oakfield.sch.example']);
    expect(result.stdout).toMatch(/^s-r-okafor\s+Teams is not set up\s+yes, found by email \(U0OKAFOR\)$/m);
    expect(result.stdout).toMatch(/^s-l-oconnor\s+Teams is not set up\s+no Slack account has l.oconnor@oakfield.sch.example: check the address, or invite them to the workspace$/m);
    expect(result.stdout).toContain('1 of 4 cannot be reached yet: s-l-oconnor.');
    expect(loadSchoolFile(schoolFile).config.staff.map((m) => m.slack?.userId)).toEqual(['U0PATEL', 'U0OKAFOR', 'U0NGUYEN', undefined]);

    nock('https://slack.test').post('/api/users.lookupByEmail').reply(200, { ok: false, error: 'users_not_found' });
    const again = await ap('staff', 'check');
    expect(again.stdout).toMatch(/^s-head\s+Teams is not set up\s+yes$/m);
    expect(nock.isDone()).toBe(true);
  });

  it('without Slack set up, says so rather than guessing', async () => {
    await ap('import', 'staff', fixture('staff.csv'));
    const result = await ap('staff', 'check', '--school', 'oakfield');
    expect(result.stdout).toMatch(/^s-t-nguyen\s+Teams is not set up\s+Slack is not set up$/m);
    expect(result.stdout).toContain('4 of 4 cannot be reached yet');
  });
});
