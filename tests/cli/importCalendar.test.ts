import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSchoolFile } from '../../src/config/schoolFile.ts';
import { runCli } from '../../src/cli/main.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const example = readFileSync(new URL('../../examples/school.yaml', import.meta.url), 'utf8');
let dir: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** The example school as it was before anyone typed in 2026-27. */
function schoolWithout2026To27(): string {
  const path = join(dir, 'oakfield.yaml');
  const text = example
    .replace(/ {4}- name: Autumn 2026[\s\S]*?(?= {2}closures:)/, '')
    .replace(/ {4}- \{ date: 2026-11-27, reason: INSET \}\n {4}- \{ date: 2027-01-04, reason: INSET \}\n/, '');
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apbot-calendar-'));
});

describe('ap import terms', () => {
  it("writes the local authority's 2026-27 dates into the school file: the same calendar as the hand-written one, comments kept", async () => {
    const path = schoolWithout2026To27();
    expect(loadSchoolFile(path).calendar.lastDay).toBe('2026-07-22');
    const result = await ap('import', 'terms', fixture('oakshire-term-dates-2026-27.ics'), '--school', path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Autumn 2026\s+2026-09-03\s+2026-12-18\s+2026-10-26 to 2026-10-30$/m);
    expect(result.stdout).toContain('"Sports day" (2027-07-01): not understood');
    expect(result.stdout).toContain(`Wrote the calendar to ${path}: 6 terms from 2025-09-03 to 2027-07-21, 6 closures`);

    const imported = loadSchoolFile(path);
    const handWritten = loadSchoolFile(fileURLToPath(new URL('../../examples/school.yaml', import.meta.url)));
    expect(imported.config.calendar.terms).toEqual(handWritten.config.calendar.terms);
    expect(imported.config.calendar.closures).toEqual([...handWritten.config.calendar.closures, { date: '2027-05-06', reason: 'Polling day: school closed' }].sort((a, b) => a.date.localeCompare(b.date)));
    expect(imported.config.staff).toEqual(handWritten.config.staff);
    expect(readFileSync(path, 'utf8')).toContain('# A fictional secondary school');
  });

  it('changes nothing on a dry run, or when the calendar names no terms', async () => {
    const path = schoolWithout2026To27();
    const before = readFileSync(path, 'utf8');
    const dry = await ap('import', 'terms', fixture('oakshire-term-dates-2026-27.ics'), '--school', path, '--dry-run');
    expect(dry.stdout).toContain(`Dry run: ${path} not changed.`);
    expect(readFileSync(path, 'utf8')).toBe(before);

    const holidaysOnly = join(dir, 'holidays.ics');
    writeFileSync(holidaysOnly, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261221\r\nSUMMARY:Christmas holidays\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const bad = await ap('import', 'terms', holidaysOnly, '--school', path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('The calendar names no terms');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('asks for the school file', async () => {
    const result = await ap('import', 'terms', fixture('oakshire-term-dates-2026-27.ics'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: ap import terms <file.ics> --school <school.yaml>');
  });
});

describe('ap import bank-holidays', () => {
  it("extends the school's bank holidays past 2030 from the government's list, so 2031's are not school days", async () => {
    const path = join(dir, 'oakfield.yaml');
    writeFileSync(path, example.replace('  closures:', '    - name: Summer 2031\n      start: 2031-04-22\n      end: 2031-07-22\n  closures:'));
    expect(loadSchoolFile(path).calendar.isSchoolDay('2031-05-05')).toBe(true);
    const result = await ap('import', 'bank-holidays', fixture('bank-holidays.json'), '--school', path);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('16 england-and-wales bank holidays, 2030-01-01 to 2031-12-26.');
    const school = loadSchoolFile(path);
    expect(school.calendar.isSchoolDay('2031-05-05')).toBe(false);
    expect(school.calendar.isSchoolDay('2026-05-04')).toBe(false);
    expect(school.config.calendar.bankHolidays).toHaveLength(56 + 8);
    const again = readFileSync(path, 'utf8');
    await ap('import', 'bank-holidays', fixture('bank-holidays.json'), '--school', path);
    expect(readFileSync(path, 'utf8')).toBe(again);
  });

  it('refuses an unknown division and a file that is not the government list, changing nothing', async () => {
    const path = join(dir, 'oakfield.yaml');
    writeFileSync(path, example);
    const wrongDivision = await ap('import', 'bank-holidays', fixture('bank-holidays.json'), '--school', path, '--division', 'wales');
    expect(wrongDivision.stderr).toContain('--division must be one of: england-and-wales, scotland, northern-ireland.');
    const notTheList = join(dir, 'x.json');
    writeFileSync(notTheList, '{"england-and-wales":{"division":"england-and-wales","events":[{"title":"x","date":"31/12/2031"}]}}');
    const bad = await ap('import', 'bank-holidays', notTheList, '--school', path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('england-and-wales.events[0].date: is not a date (YYYY-MM-DD)');
    expect(readFileSync(path, 'utf8')).toBe(example);
  });
});
