import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { importPlacementCsv } from '../../src/app/import/placementCsvImport.ts';
import { importMappingSchema, NO_MAPPING, type ImportMapping } from '../../src/app/import/placementColumns.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { aSchool } from '../fixtures/school.ts';
import { parse } from 'yaml';

const school = aSchool();
const NOW = new Date('2026-02-09T10:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
const mapping: ImportMapping = importMappingSchema.parse(parse(fixture('mapping.yaml').toString()));
let stores: Stores;

beforeEach(async () => {
  stores = await openJournalStores();
});

function run(file: Uint8Array | string, options: { dryRun?: boolean; map?: ImportMapping; now?: Date } = {}) {
  return importPlacementCsv(stores, {
    school,
    file: typeof file === 'string' ? new TextEncoder().encode(file) : file,
    mapping: options.map ?? mapping,
    by: 's-aplead',
    now: options.now ?? NOW,
    dryRun: options.dryRun ?? false,
  });
}

async function everythingStored(): Promise<string> {
  const placements = await stores.placements.list(school.id);
  const audit = await stores.audit.list(school.id);
  return JSON.stringify({ placements, audit });
}

describe('importing placements from an Arbor-style export', () => {
  it('reads a byte-order mark, dd/mm/yyyy dates, quoted commas, apostrophes and blank trailing rows, and reports each row in a dry run', async () => {
    const { plan, written } = await run(fixture('arbor-placements.csv'), { dryRun: true });
    expect(written).toBe(0);
    expect(plan.rows.map((r) => [r.row, r.outcome, r.pupil && `${r.pupil.ref} ${r.pupil.initials}`, r.detail])).toEqual([
      [2, 'created', 'A1001 SO', 'off-site AP at Riverside Farm, 2026-01-12 to 2026-07-22'],
      [3, 'created', 'A1002 KM', 'off-site AP at Northgate Learning Centre, 2026-03-02 to 2026-03-27 (proposed)'],
      [4, 'created', 'A1003 ZA', 'on-site AP, 2026-01-05 to open'],
      [5, 'created', 'A1004 DS', 'off-site AP at Bright Futures Learning, 2027-01-04 to open (proposed)'],
    ]);
    expect(plan.ignoredColumns).toEqual([]);
    expect(await stores.placements.list(school.id)).toEqual([]);
  });

  it('imports every row with the timetable typed in the sessions column, keeping initials and never a name', async () => {
    const { written } = await run(fixture('arbor-placements.csv'));
    expect(written).toBe(4);
    const [first] = await stores.placements.list(school.id, { pupilRef: 'A1001' });
    expect(first?.placement).toMatchObject({
      kind: 'off_site_ap',
      status: 'active',
      pupil: { ref: 'A1001', initials: 'SO', yearGroup: '9' },
      provider: { id: 'PR-7', name: 'Riverside Farm' },
      timetable: { mon: ['am'], tue: ['am', 'pm'], wed: [], thu: ['pm'], fri: [] },
    });
    const [fourth] = await stores.placements.list(school.id, { pupilRef: 'A1004' });
    expect(fourth?.placement.timetable).toEqual({ mon: [], tue: [], wed: ['am', 'pm'], thu: [], fri: ['am'] });
    const stored = await everythingStored();
    for (const name of ['Siobhan', "O'Neill", 'Kwame', 'Mensah', 'Zoë', 'Ahmed', "D'Arcy", 'Smith']) expect(stored).not.toContain(name);
  });

  it('changes nothing when the same file is imported again', async () => {
    await run(fixture('arbor-placements.csv'));
    const before = await everythingStored();
    const again = await run(fixture('arbor-placements.csv'));
    expect(again.plan.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(again.written).toBe(0);
    expect(await everythingStored()).toBe(before);
  });
});

describe("the school's providers", () => {
  it('keeps a provider named in the mapping file as a provider record, so the next file needs no mapping for it', async () => {
    await run(fixture('arbor-placements.csv'));
    expect((await stores.providers.list(school.id)).map((p) => [p.id, p.name, p.ofstedRegistered])).toEqual([
      ['PR-12', 'Bright Futures Learning', true],
      ['PR-3', 'Northgate Learning Centre', false],
      ['PR-7', 'Riverside Farm', false],
    ]);
    const { plan } = await run('Pupil ref,Initials,Type,Provider,Start\nB2001,QR,Off-site AP,Riverside Farm,12/01/2026\n', { map: NO_MAPPING });
    expect(plan.rows[0]).toMatchObject({ outcome: 'created', detail: 'off-site AP at Riverside Farm, 2026-01-12 to open' });
  });

  it('finds a provider the school already has on record by its name or reference, whatever the case', async () => {
    await stores.providers.merge(school.id, { id: 'PR-9', name: 'Skyline Gym Academy', contacts: [], ofstedRegistered: false, documents: [] });
    const { plan } = await run('Pupil ref,Initials,Type,Provider,Start\nB2001,QR,Off-site AP,SKYLINE GYM ACADEMY,12/01/2026\nB2002,ST,Off-site AP,pr-9,12/01/2026\n', { map: NO_MAPPING });
    expect(plan.rows.map((r) => r.outcome)).toEqual(['created', 'created']);
  });
});

describe('importing placements from a SIMS-style export', () => {
  it('reads the pupil by admission number before UPN, and leaves the columns it does not need unread', async () => {
    const { plan } = await run(fixture('sims-placements.csv'));
    expect(plan.rows.map((r) => [r.outcome, r.pupil && `${r.pupil.ref} ${r.pupil.initials}`])).toEqual([
      ['created', '001234 AO'],
      ['created', '001235 ZN'],
      ['created', '001236 CO'],
    ]);
    expect(plan.ignoredColumns).toEqual(['UPN', 'Reg', 'Date of Birth']);
    const [direction] = await stores.placements.list(school.id, { kind: ['off_site_direction'] });
    expect(direction?.placement).toMatchObject({ pupil: { ref: '001236' }, provider: { id: 'PR-4' }, timetable: { mon: ['am', 'pm'], thu: ['am', 'pm'], fri: [] } });
    expect(await everythingStored()).not.toMatch(/K8012000010|2012-03-15|15\/03\/2012|Aoife|O'Brien/);
  });

  it('updates a placement whose end date and sessions changed, once, with an audit entry', async () => {
    await run(fixture('sims-placements.csv'));
    const changed = fixture('sims-placements.csv').toString().replace('"22/07/2026","Mon AM, Tue AM"', '"17/07/2026","Mon AM, Wed AM"');
    const { plan, written } = await run(changed);
    expect(plan.rows.map((r) => [r.outcome, r.detail])).toEqual([
      ['updated', 'end 2026-07-22 → 2026-07-17; timetable changed'],
      ['unchanged', expect.any(String)],
      ['unchanged', expect.any(String)],
    ]);
    expect(written).toBe(1);
    const [updated] = await stores.placements.list(school.id, { pupilRef: '001234' });
    expect(updated?.placement).toMatchObject({ end: '2026-07-17', version: 1, timetable: { mon: ['am'], tue: [], wed: ['am'] } });
    expect((await stores.audit.list(school.id, { placementId: updated?.placement.id })).map((e) => e.action)).toEqual(['importPlacement', 'updatePlacement']);
    expect((await run(changed)).written).toBe(0);
  });

  it("refuses to move the start of a placement that has already started, as the update rule says", async () => {
    await run(fixture('sims-placements.csv'));
    const moved = fixture('sims-placements.csv').toString().replace('"12/01/2026","22/07/2026"', '"19/01/2026","22/07/2026"');
    const { plan, written } = await run(moved);
    expect(plan.rows[0]).toMatchObject({ row: 2, outcome: 'refused', detail: expect.stringMatching(/has started/) });
    expect(written).toBe(0);
  });
});

describe('a file with problems', () => {
  it('lists every refused row with its number and reason, and imports none of the good ones', async () => {
    const { plan, written } = await run(fixture('bromcom-with-problems.csv'));
    expect(plan.rows.map((r) => [r.row, r.outcome, r.detail])).toEqual([
      [2, 'created', expect.any(String)],
      [3, 'refused', expect.stringContaining('provider: "Sunnyside Stables" is not a provider the bot knows')],
      [4, 'refused', 'start: 31/02/2026 is not a date in the calendar'],
      [5, 'refused', 'the same pupil, kind and provider as row 2: one row per placement'],
      [6, 'created', expect.any(String)],
    ]);
    expect(written).toBe(0);
    expect(plan.writes).toEqual([]);
    expect(await everythingStored()).toBe(JSON.stringify({ placements: [], audit: [] }));
  });

  it('refuses a reference that names another pupil already in the bot', async () => {
    await run(fixture('sims-placements.csv'));
    const { plan } = await run('Adno,Initials,Kind,Start\n001234,ZZ,On-site AP,12/01/2026\n', { map: NO_MAPPING });
    expect(plan.rows[0]).toMatchObject({ outcome: 'refused', detail: expect.stringMatching(/Pupil 001234 is AO on the school's record, not ZZ/) });
  });

  it('refuses a second open placement for a pupil who already has one, naming it, and writes nothing', async () => {
    await run(fixture('sims-placements.csv'));
    const [existing] = await stores.placements.list(school.id, { pupilRef: '001234' });
    const before = await everythingStored();
    const { plan, written } = await run('Adno,Initials,Kind,Start\n001234,AO,On-site AP,12/01/2026\n', { map: NO_MAPPING });
    expect(plan.rows[0]).toMatchObject({ outcome: 'refused', detail: expect.stringMatching(new RegExp(`${existing?.placement.pupil.initials} · 001234 already has an open placement \\((active since|proposed, starting) `)) });
    expect(written).toBe(0);
    expect(await everythingStored()).toBe(before);
  });

  it('refuses two open placements for one pupil in the same file', async () => {
    const { plan } = await run('Pupil ref,Initials,Type,Start\nP1,AB,On-site AP,12/01/2026\nP1,AB,Flexi-schooling,12/01/2026\n', { map: NO_MAPPING });
    expect(plan.rows.map((r) => r.outcome)).toEqual(['created', 'refused']);
    expect(plan.rows[1]?.detail).toMatch(/AB · P1 already has an open placement/);
  });

  it.each([
    ['a date outside the school calendar', 'P1,AB,On-site AP,01/08/2030', /start: 2030-08-01 is outside the school calendar/],
    ['an end before the start', 'P1,AB,On-site AP,12/01/2026,05/01/2026', /end: 05\/01\/2026 is before the start/],
    ['a kind the bot does not know', 'P1,AB,Boarding,12/01/2026', /kind: "Boarding" is not a kind of placement/],
    ['suspension provision, which needs the suspension itself', 'P1,AB,Suspension,12/01/2026', /recordSuspension/],
    ['an off-site placement with no provider', 'P1,AB,Off-site AP,12/01/2026', /an off-site placement needs its provider/],
    ['a reference with spaces', 'P 1,AB,On-site AP,12/01/2026', /pupil reference: not a reference/],
  ])('refuses %s', async (_what, row, reason) => {
    const { plan } = await run(`Pupil ref,Initials,Type,Start,End\n${row}\n`, { map: NO_MAPPING });
    expect(plan.rows[0]).toMatchObject({ row: 2, outcome: 'refused', detail: expect.stringMatching(reason) });
  });

  it('never repeats a name found where the reference or the initials should be', async () => {
    const { plan } = await run("Pupil ref,Initials,Type,Start\nSiobhan O'Neill,AB,On-site AP,12/01/2026\nP2,Kwame Mensah,On-site AP,12/01/2026\n", { map: NO_MAPPING });
    expect(plan.rows.map((r) => r.outcome)).toEqual(['refused', 'refused']);
    expect(plan.rows[0]?.pupil).toBeUndefined();
    expect(JSON.stringify(plan.rows)).not.toMatch(/siobhan|neill|kwame|mensah/i);
  });

  it('says which columns it could not find, and changes nothing', async () => {
    await expect(run('Name,Start\nJohn Smith,12/01/2026\n', { map: NO_MAPPING })).rejects.toThrow(/do not say a pupil reference .*the kind of placement/);
  });

  it('reads what a mapping file names, and says so when its column is not in the file', async () => {
    const map = importMappingSchema.parse({ columns: { pupilRef: 'MIS Code' }, kind: 'on_site_ap', kinds: {} });
    const { plan } = await run('MIS Code,Initials,Start\nX9,AB,12/01/2026\n', { map });
    expect(plan.rows[0]).toMatchObject({ outcome: 'created', pupil: { ref: 'X9', initials: 'AB' } });
    const missing = importMappingSchema.parse({ columns: { pupilRef: 'Learner' }, kind: 'on_site_ap' });
    await expect(run('MIS Code,Initials,Start\nX9,AB,12/01/2026\n', { map: missing })).rejects.toThrow(/names column "Learner" for pupilRef/);
  });
});
