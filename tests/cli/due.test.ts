import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const SCHOOL = 'examples/school.yaml';
const PLACEMENTS = 'examples/placements.json';
const AT = '2026-02-09T08:00:00Z';

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

function aTempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'apbot-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe('ap due', () => {
  it('prints exactly the committed expected obligations for the example school on Mon 9 Feb 2026', async () => {
    const { code, stdout, stderr } = await ap('due', '--school', SCHOOL, '--placements', PLACEMENTS, '--at', AT, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync('examples/due-2026-02-09.json', 'utf8')));
  });

  it('prints a readable table by default, sorted by due date', async () => {
    const { code, stdout } = await ap('due', '--school', SCHOOL, '--placements', PLACEMENTS, '--at', AT);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Oakfield Academy: \d+ open obligations at 2026-02-09T08:00:00.000Z$/);
    expect(lines[2]).toMatch(/^due\s+stage\s+placement\s+obligation/);
    const dates = lines.slice(4).map((l) => l.slice(0, 10));
    expect(dates).toEqual([...dates].sort());
    expect(stdout).toContain('P-008      placement_review                  safeguarding concern 2026-02-06');
  });

  it.each([
    { what: 'an unreadable school file', args: ['--school', 'nope.yaml', '--placements', PLACEMENTS, '--at', AT], message: /Cannot read the school config nope\.yaml: no such file/ },
    { what: 'an instant without an offset', args: ['--school', SCHOOL, '--placements', PLACEMENTS, '--at', '2026-02-09T08:00'], message: /--at needs an ISO instant with its offset/ },
    { what: 'a date that does not exist', args: ['--school', SCHOOL, '--placements', PLACEMENTS, '--at', '2026-02-30T08:00:00Z'], message: /--at needs an ISO instant/ },
    { what: 'a missing --at', args: ['--school', SCHOOL, '--placements', PLACEMENTS], message: /--at needs an ISO instant/ },
    { what: 'an unknown flag', args: ['--school', SCHOOL, '--placements', PLACEMENTS, '--at', AT, '--colour'], message: /Unknown option '--colour'/ },
  ])('refuses $what with one clear message and exit code 2', async ({ args, message }) => {
    const { code, stdout, stderr } = await ap('due', ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    { what: 'invalid JSON', content: '[{"id": "P-1",', message: /is not valid JSON/ },
    {
      what: 'an unknown kind',
      content: JSON.stringify([{ id: 'P-1', kind: 'home_tuition', pupil: { ref: 'Y9-1', initials: 'AB' }, start: '2026-01-05' }]),
      message: /\[0\]\.kind: Invalid option/,
    },
    {
      what: 'a bad date',
      content: JSON.stringify([{ id: 'P-1', kind: 'on_site_ap', pupil: { ref: 'Y9-1', initials: 'AB' }, start: '2026-02-31' }]),
      message: /\[0\]\.start: is not a date/,
    },
    {
      what: 'a placement id used twice',
      content: JSON.stringify([
        { id: 'P-1', kind: 'on_site_ap', pupil: { ref: 'Y9-1', initials: 'AB' }, start: '2026-01-05' },
        { id: 'P-1', kind: 'on_site_ap', pupil: { ref: 'Y9-2', initials: 'CD' }, start: '2026-01-05' },
      ]),
      message: /\[1\]\.id: is used twice/,
    },
  ])('refuses a placements file with $what', async ({ content, message }) => {
    const { code, stderr } = await ap('due', '--school', SCHOOL, '--placements', aTempFile('placements.json', content), '--at', AT);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('ap validate', () => {
  it('summarises a valid config', async () => {
    const { code, stdout } = await ap('validate', SCHOOL);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'examples/school.yaml: valid. Oakfield Academy (id oakfield): 6 terms, 12 half-terms, 383 school days from 2025-09-03 to 2027-07-21; 7 staff.',
    );
  });

  it('lists every problem with its path, and exits 2', async () => {
    const yaml = [
      'school:',
      '  name: Broken School',
      '  dayStart: "15:30"',
      'calendar:',
      '  terms:',
      '    - { name: Autumn, start: 2026-09-03, end: 2026-09-01 }',
      '    - { name: Spring, start: 2027-01-04, end: 2027-03-25, halfTermBreak: { start: 2027-04-01, end: 2027-04-05 } }',
      '  closures:',
      '    - { date: 2026-13-01, reason: INSET }',
      'policy:',
      '  qaVisitRule: weekly',
      'staff:',
      '  - { id: s-1, name: A, roles: [headteacher] }',
      '  - { id: s-1, name: B, roles: [wizard] }',
    ].join('\n');
    const { code, stderr } = await ap('validate', aTempFile('school.yaml', yaml));
    expect(code).toBe(2);
    for (const problem of [
      'school.dayEnd: is not after dayStart',
      'calendar.terms[0].end: is before start',
      'calendar.terms[1].halfTermBreak: must fall inside the term',
      'calendar.closures[0].date: is not a date (YYYY-MM-DD)',
      'policy.qaVisitRule: Invalid option',
      'staff[1].roles[0]: Invalid option',
    ])
      expect(stderr).toContain(problem);
  });

  it('asks for the Teams tenant of staff given a Teams account, since an Entra id means nothing outside its tenant', async () => {
    const yaml = readFileSync(SCHOOL, 'utf8').replace(/^ {2}teamsTenantId: .*$/m, '');
    const { code, stderr } = await ap('validate', aTempFile('school.yaml', yaml));
    expect(code).toBe(2);
    expect(stderr).toContain('staff[0].teams.tenantId: is needed for a Teams account (or set school.teamsTenantId)');
  });

  it('refuses a file that is not YAML', async () => {
    const { code, stderr } = await ap('validate', aTempFile('school.yaml', 'school: [unclosed'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not valid YAML/);
  });
});

describe('ap as a command', () => {
  it('answers an unknown command with the list of commands and exit code 2', async () => {
    const { code, stderr } = await ap('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
    expect(stderr).toContain('ap due');
  });

  it('runs as a real process through bin/ap.js, as `npx ap` does', () => {
    const out = execFileSync('node', ['bin/ap.js', 'validate', SCHOOL], { encoding: 'utf8' });
    expect(out).toMatch(/^examples\/school\.yaml: valid\./);
    const bad = spawnSync('node', ['bin/ap.js', 'due', '--school', SCHOOL], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: ap due');
  });
});

describe('ap nudges preview', () => {
  it('lists who would be nudged about what at an instant, holding evening nudges to the morning', async () => {
    const morning = await ap('nudges', 'preview', '--school', SCHOOL, '--placements', PLACEMENTS, '--at', '2026-02-09T08:00:00Z');
    expect(morning.code).toBe(0);
    expect(morning.stdout).toMatch(/^\d+ nudges at 2026-02-09T08:00:00.000Z/);
    expect(morning.stdout).toMatch(/s-dsl\s+dsl\s+2026-02-09T08:00:00.000Z\s+overdue: absence_follow_up \(2026-02-06 pm\) for P-002/);
    expect(morning.stdout).toMatch(/s-head\s+headteacher\s+2026-02-09T08:00:00.000Z\s+approval wanted for P-003/);
    const evening = await ap('nudges', 'preview', '--school', SCHOOL, '--placements', PLACEMENTS, '--at', '2026-02-09T19:00:00Z');
    expect(evening.stdout).toMatch(/2026-02-10T07:30:00.000Z/);
    // Only a safeguarding matter passed up the line is sent in the evening: a concern no DSL acknowledged in the day.
    const sentAtOnce = evening.stdout.split('\n').filter((line) => / {2}2026-02-09T19:00:00.000Z {2}/.test(line));
    expect(sentAtOnce.length).toBeGreaterThan(0);
    for (const line of sentAtOnce) expect(line).toMatch(/escalated: concern_acknowledgement \(safeguarding concern /);
  });

  it('refuses anything but preview', async () => {
    expect((await ap('nudges', 'send')).code).toBe(2);
  });
});
