import { beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { answerImportPress, answerSentSpreadsheet, cancelHeldSpreadsheet, dryRunSentSpreadsheet, HELD_IMPORT_MINUTES, HeldImports, importHeldSpreadsheet, SENT_SPREADSHEET_MAX_BYTES } from '../../src/app/chatImport.ts';
import type { Identified } from '../../src/app/identity.ts';
import type { StaffMember } from '../../src/core/policy/schoolConfig.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { aSchool } from '../fixtures/school.ts';

const school = aSchool();
const NOW = new Date('2026-02-09T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const staff = (id: string) => school.config.staff.find((s) => s.id === id) as StaffMember;
/** A small export as a spreadsheet writes it: a byte-order mark, dd/mm/yyyy, a quoted comma. */
const FILE = new TextEncoder().encode('\uFEFFUPN,Forename,Surname,Year,Kind,Start,End\r\nA123456789012,"Sam, Jr",O\'Neil,9,on-site AP,12/01/2026,22/07/2026\r\n,,,,,,\r\n');
const BAD = new TextEncoder().encode('UPN,Forename,Surname,Year,Kind,Start,End\nA123456789012,Sam,Oneil,9,on-site AP,31/02/2026,22/07/2026\n');

let stores: Stores;
let held: HeldImports;
beforeEach(async () => {
  stores = await openJournalStores();
  held = new HeldImports();
});

const dryRun = (file: Uint8Array, by = 's-aplead', now = NOW) => dryRunSentSpreadsheet(stores, held, { school, staff: staff(by), file, now });
const press = (key: string, by = 's-aplead', now = NOW) => importHeldSpreadsheet(stores, held, { school, staff: staff(by), key, now });

describe('a spreadsheet sent to the bot in chat', () => {
  it('is checked as a dry run that writes nothing, then imported once however often Import is pressed', async () => {
    const { plan, key } = await dryRun(FILE);
    expect(plan.rows.map((r) => r.outcome)).toEqual(['created']);
    expect(await stores.placements.list(school.id)).toHaveLength(0);
    const { written } = await press(key as string);
    expect(written).toBe(1);
    await expect(press(key as string)).rejects.toThrow(/already imported, cancelled/);
    expect(await stores.placements.list(school.id)).toHaveLength(1);
    expect(JSON.stringify(await stores.placements.list(school.id))).not.toMatch(/Sam|Neil/);
  });

  it('is refused to someone who may not import, and nothing is held for them', async () => {
    await expect(dryRun(FILE, 's-teacher')).rejects.toThrow(/Only the AP lead or the headteacher/);
    const { key } = await dryRun(FILE);
    await expect(press(key as string, 's-teacher')).rejects.toThrow(/Only the AP lead or the headteacher/);
    // The headteacher may import, but not the AP lead's file under the AP lead's key.
    await expect(press(key as string, 's-head')).rejects.toThrow(/send it again/);
    expect(await stores.placements.list(school.id)).toHaveLength(0);
  });

  it('cannot be imported when a row is refused, after Cancel, or once it has waited too long', async () => {
    expect((await dryRun(BAD)).key).toBeUndefined();
    const cancelled = (await dryRun(FILE)).key as string;
    expect(cancelHeldSpreadsheet(held, { school, staff: staff('s-aplead'), key: cancelled, now: NOW })).toBe(true);
    await expect(press(cancelled)).rejects.toThrow(/send it again/);
    const old = (await dryRun(FILE, 's-aplead', later(1))).key as string;
    await expect(press(old, 's-aplead', later(HELD_IMPORT_MINUTES + 1))).rejects.toThrow(/more than 30 minutes ago/);
    expect(await stores.placements.list(school.id)).toHaveLength(0);
  });
});

describe('the card a spreadsheet sent in chat is answered with', () => {
  const who = (id: string): Identified => ({ school, staff: staff(id), actor: { staffId: id, roles: staff(id).roles } });
  const sent = (file: Uint8Array, by = 's-aplead') => answerSentSpreadsheet(stores, held, who(by), async () => ({ name: 'placements.csv', size: undefined, fetch: async () => file }), NOW);
  const pressed = (verb: 'importSpreadsheet' | 'cancelImport', input: Record<string, unknown>, by = 's-aplead') => answerImportPress(stores, held, who(by), { verb, input }, NOW);

  it('offers Import and Cancel on a dry run that would change something, each naming the held file', async () => {
    const card = await sent(FILE);
    expect(card.title).toBe('Check before importing');
    expect(card.actions.map((a) => [a.verb, a.payload.input['file']])).toEqual([
      ['importSpreadsheet', 'placements.csv'],
      ['cancelImport', 'placements.csv'],
    ]);
    expect(card.note).toContain('until Mon 9 Feb, 10:30');
  });

  it('offers nothing to press for a file with only a header row, or one already imported', async () => {
    expect(await sent(new TextEncoder().encode('UPN,Forename,Surname,Year,Kind,Start,End\n'))).toMatchObject({ title: 'Nothing to import', actions: [] });
    await press((await dryRun(FILE)).key as string);
    expect(await sent(FILE)).toMatchObject({ title: 'Nothing to import', actions: [] });
  });

  it('does not call an import cancelled once it was imported', async () => {
    const card = await sent(FILE);
    const input = card.actions[0]!.payload.input;
    expect((await pressed('importSpreadsheet', input)).title).toBe('Imported');
    await expect(pressed('cancelImport', input)).rejects.toThrow(/already imported, cancelled/);
    expect(await stores.placements.list(school.id)).toHaveLength(1);
  });

  it('audits a refusal to someone who may not import, and holds nothing for them', async () => {
    await expect(sent(FILE, 's-teacher')).rejects.toThrow(/Only the AP lead or the headteacher/);
    expect(await stores.audit.list(school.id)).toEqual([expect.objectContaining({ actor: 's-teacher', action: 'refused:importPlacements', outcome: 'refused' })]);
    await expect(pressed('importSpreadsheet', {})).rejects.toThrow(/does not say which spreadsheet/);
  });

  it('asks the chat nothing about the file, and fetches nothing, for someone who may not import', async () => {
    const asked: string[] = [];
    const describe = async () => {
      asked.push('describe');
      return { name: 'placements.csv', size: undefined, fetch: async () => (asked.push('fetch'), FILE) };
    };
    await expect(answerSentSpreadsheet(stores, held, who('s-teacher'), describe, NOW)).rejects.toThrow(/Only the AP lead or the headteacher/);
    expect(asked).toEqual([]);
    expect(await answerSentSpreadsheet(stores, held, who('s-aplead'), describe, NOW)).toMatchObject({ title: 'Check before importing' });
    expect(asked).toEqual(['describe', 'fetch']);
  });

  it('refuses a file that is too big by what the chat sends, though the chat did not say its size', async () => {
    const big = new Uint8Array(SENT_SPREADSHEET_MAX_BYTES + 1);
    await expect(answerSentSpreadsheet(stores, held, who('s-aplead'), async () => ({ name: 'placements.csv', size: undefined, fetch: async () => big }), NOW)).rejects.toThrow(/larger than 2 MB/);
    expect(await stores.placements.list(school.id)).toHaveLength(0);
  });
});
