import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { runCli } from '../../src/cli/main.ts';
import type { AuditEntry } from '../../src/ports/auditLog.ts';
import { AUDIT_COLUMNS } from '../../src/app/auditExport.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';

const CONCERN = 'Said the lift home never came and walked along the bypass alone';
let dataDir: string;

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

const asCells = (e: AuditEntry) => [String(e.seq), e.at.toISOString(), e.actor, e.role ?? '', e.action, e.placementId ?? '', e.outcome, e.summary];

async function storedEntries(): Promise<AuditEntry[]> {
  const stores = await openJournalStores({ dataDir });
  try {
    return await stores.audit.list('oakfield');
  } finally {
    await stores.close();
  }
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'apbot-export-'));
  process.env.DATA_DIR = dataDir;
  process.env.STORE = 'memory';
});
afterEach(() => {
  delete process.env.DATA_DIR;
  delete process.env.STORE;
});

describe('ap export audit', () => {
  it('round-trips every entry between the dates, as CSV and as JSON lines, and never holds what a concern says', async () => {
    const at = '2026-02-10T11:00:00Z';
    expect((await ap('decide', 'logConcern', '--as', 's-teacher', '--placement', 'P-001', '--at', at, '--json', JSON.stringify({ category: 'safeguarding', details: `${CONCERN}, "he said", twice` }))).code).toBe(0);
    expect((await ap('decide', 'recordQaVisit', '--as', 's-aplead', '--placement', 'P-001', '--at', '2026-02-11T09:30:00Z', '--json', JSON.stringify({ on: '2026-02-11', visitedBy: 'Ms R Okafor', checked: ['safeguarding', 'teaching'], outcome: 'satisfactory', actions: 'none', seen: 'Good, safe, busy' }))).code).toBe(0);
    expect((await ap('decide', 'endPlacement', '--as', 's-teacher', '--placement', 'P-001', '--at', '2026-02-11T10:00:00Z', '--json', '{}')).code).toBe(2);
    const stored = await storedEntries();
    const inRange = stored.filter((e) => e.at >= new Date('2026-02-10T00:00:00Z') && e.at < new Date('2026-02-12T00:00:00Z'));
    // The demo's placements (set up by the first command), the concern, the visit, and the refused ending.
    expect(inRange.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      ...Array<string>(12).fill('importPlacement recorded'),
      'logConcern recorded',
      'recordQaVisit recorded',
      'refused:endPlacement refused',
    ]);

    const csv = await ap('export', 'audit', '--school', 'oakfield', '--from', '2026-02-10', '--to', '2026-02-11', '--csv');
    expect(csv.code).toBe(0);
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(header).toEqual([...AUDIT_COLUMNS]);
    expect(rows).toEqual(inRange.map(asCells));
    expect(csv.stdout).not.toContain('lift home');

    const json = await ap('export', 'audit', '--school', 'oakfield', '--from', '2026-02-10', '--to', '2026-02-11');
    expect(json.stdout.split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(inRange.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    expect(json.stdout).not.toContain('lift home');

    // The whole log, the demo's own setup included, comes out whole over a wide range.
    const everything = await ap('export', 'audit', '--from', '2025-01-01', '--to', '2027-12-31', '--csv');
    expect(parseCsv(everything.stdout).slice(1)).toEqual(stored.map(asCells));
  });

  it('names bad dates and changes nothing', async () => {
    expect(await ap('export', 'audit', '--from', '2026-02-31', '--to', '2026-03-01')).toMatchObject({ code: 2, stderr: 'ap export: --from must be a date, YYYY-MM-DD (got "2026-02-31").' });
    expect(await ap('export', 'audit', '--from', '2026-03-02', '--to', '2026-03-01')).toMatchObject({ code: 2, stderr: 'ap export: --to (2026-03-01) is before --from (2026-03-02).' });
    expect((await ap('export', 'audit', '--from', '2026-03-02')).code).toBe(2);
    expect((await ap('export', 'placements', '--from', '2026-03-01', '--to', '2026-03-02')).code).toBe(2);
  });
});
