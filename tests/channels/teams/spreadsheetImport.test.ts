import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELD_IMPORT_MINUTES, SENT_SPREADSHEET_MAX_BYTES } from '../../../src/app/chatImport.ts';
import { aTeamsBot, actionsOf, cardOf, isolateNetwork, resetNetwork, textOf, type TeamsBot, type User } from './teamsHarness.ts';

// The AP lead sends a placements spreadsheet in the 1:1 chat with the bot, sees the dry run as a
// card, and presses Import or Cancel; the Bot Framework connector and the file's download address
// (OneDrive, pre-authorised by Teams) are faked at the network edge.

const ONEDRIVE = 'https://oakfield-my.sharepoint.test';
const PLACEMENTS = "\uFEFFPupil ref,Forename,Surname,Year,Type,Start,End\r\nA2001,Siobhan,O'Neill,9,On-site AP,12/01/2026,27/03/2026\r\nA2002,\"Kwame, Jr\",Mensah,10,On-site AP,02/03/2026,\r\n";
const UNKNOWN_PROVIDER = 'Pupil ref,Initials,Type,Provider,Start\nA2003,ZA,Off-site AP,Hilltop Stables,12/01/2026\nA2004,DS,On-site AP,,12/01/2026\n';
const NAMES = ['Siobhan', "O'Neill", 'Kwame', 'Mensah'];

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot();
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

let files = 0;
/** The file where Teams keeps it; its address needs no token. `seen` holds each download's Authorization header. */
function aFileInOneDrive(body: string | Buffer, options: { status?: number } = {}) {
  const path = `/personal/r_okafor/Documents/Microsoft%20Teams%20Chat%20Files/f${++files}.csv`;
  const seen: (string | undefined)[] = [];
  nock(ONEDRIVE)
    .get(path)
    .query(true)
    .reply(function () {
      seen.push(this.req.headers.authorization as string | undefined);
      return [options.status ?? 200, body, { 'content-type': 'application/octet-stream' }];
    });
  return { downloadUrl: `${ONEDRIVE}${path}?download=1&tempauth=abc`, seen };
}

/** A message in the 1:1 chat carrying a file, as Teams sends it to a bot that supports files. */
function send(name: string, downloadUrl: string, user: User = 'apLead') {
  return bot.say('', user, {
    attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: `${ONEDRIVE}/contentUrl`, name, content: { downloadUrl, uniqueId: `u-${files}`, fileType: name.split('.').pop() } }],
  });
}

async function dryRun(user: User = 'apLead', csv = PLACEMENTS) {
  const file = aFileInOneDrive(csv);
  const [reply] = await send('placements.csv', file.downloadUrl, user);
  return { card: cardOf(reply), file };
}

const button = (card: unknown, verb: string) => {
  const found = actionsOf(card).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} on ${textOf(card)}`);
  return found;
};

describe('a placements spreadsheet sent to the bot in a Teams 1:1 chat', () => {
  it('comes back as a dry run card, fetched without a token, with the pupils as initials and reference only', async () => {
    const { card, file } = await dryRun();
    expect(file.seen).toEqual([undefined]);
    const text = textOf(card);
    expect(text).toContain('Check before importing');
    expect(text).toContain('Row 2 · Created · SO · A2001');
    expect(text).toContain('Row 3 · Created · KM · A2002');
    for (const name of NAMES) expect(JSON.stringify(card)).not.toContain(name);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Import', 'Cancel']);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('is imported once when Import is pressed, however often: the card is replaced and the audit has each placement', async () => {
    const { card } = await dryRun();
    const importing = button(card, 'importSpreadsheet');
    const answer = await bot.press(importing.verb, importing.data);
    expect(answer?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(answer?.value)).toContain('Ms R Okafor imported this spreadsheet');
    expect(actionsOf(answer?.value)).toEqual([]);
    const imported = await bot.stores.placements.list(bot.school.id);
    expect(imported.map((r) => r.placement.pupil.ref).sort()).toEqual(['A2001', 'A2002', 'Y9-0412']);
    const audit = await bot.stores.audit.list(bot.school.id);
    expect(audit.filter((e) => e.actor === 's-aplead' && /import/i.test(e.summary))).toHaveLength(2);
    for (const name of NAMES) expect(JSON.stringify({ imported, audit })).not.toContain(name);

    const again = await bot.press(importing.verb, importing.data);
    expect(textOf(again?.value)).toMatch(/already imported, cancelled/);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(3);
    expect(await bot.stores.audit.list(bot.school.id)).toHaveLength(audit.length);
  });

  it('is dropped by Cancel: nothing imported, and Import on the same card then imports nothing', async () => {
    const { card } = await dryRun();
    const cancelling = button(card, 'cancelImport');
    expect(textOf((await bot.press(cancelling.verb, cancelling.data))?.value)).toContain('Import cancelled');
    const importing = button(card, 'importSpreadsheet');
    expect(textOf((await bot.press(importing.verb, importing.data))?.value)).toMatch(/send it again/);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('with a refused row offers no Import, lists the refused row first with its reason, and changes nothing', async () => {
    const { card } = await dryRun('head', UNKNOWN_PROVIDER);
    const text = textOf(card);
    expect(text).toContain('cannot be imported as it is');
    expect(text.indexOf('Row 2 · Refused · ZA · A2003')).toBeLessThan(text.indexOf('Row 3 · Created · DS · A2004'));
    expect(text).toContain('"Hilltop Stables" is not a provider the bot knows');
    expect(actionsOf(card)).toEqual([]);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });
});

describe('what the bot will not import from a Teams chat', () => {
  it('refuses a spreadsheet from someone who may not import placements, without fetching it', async () => {
    const file = aFileInOneDrive(PLACEMENTS);
    const [reply] = await send('placements.csv', file.downloadUrl, 'teacher');
    expect(reply?.text).toContain('Only the AP lead or the headteacher can import placements');
    expect(file.seen).toEqual([]);
    expect(await bot.stores.audit.list(bot.school.id, { actor: 's-teacher' })).toEqual([expect.objectContaining({ action: 'refused:importPlacements', outcome: 'refused' })]);
  });

  it('asks for a CSV file when sent a workbook', async () => {
    const file = aFileInOneDrive('PK');
    const [reply] = await send('placements.xlsx', file.downloadUrl);
    expect(reply?.text).toContain('placements.xlsx is not a CSV file');
    expect(file.seen).toEqual([]);
  });

  it('refuses a file too big, reading no further than the limit', async () => {
    const file = aFileInOneDrive(Buffer.alloc(SENT_SPREADSHEET_MAX_BYTES + 4096, 'a'));
    const [reply] = await send('placements.csv', file.downloadUrl);
    expect(reply?.text).toContain('larger than 2 MB');
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('says so when the file cannot be fetched, or its address is not a secure one', async () => {
    const file = aFileInOneDrive('gone', { status: 403 });
    const [reply] = await send('placements.csv', file.downloadUrl);
    expect(reply?.text).toContain('I could not fetch placements.csv from Teams (Teams answered 403)');
    const [plain] = await send('placements.csv', 'http://oakfield-my.sharepoint.test/f.csv');
    expect(plain?.text).toContain('it did not come with a secure address');
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('refuses Import from someone who may not import, and from someone else than the sender', async () => {
    const { card } = await dryRun();
    const importing = button(card, 'importSpreadsheet');
    expect(textOf((await bot.press(importing.verb, importing.data, 'teacher'))?.value)).toContain('Only the AP lead or the headteacher');
    expect(textOf((await bot.press(importing.verb, importing.data, 'head'))?.value)).toMatch(/send it again/);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('refuses Import pressed after the dry run has waited more than 30 minutes, importing nothing', async () => {
    await bot.close();
    let now = new Date('2026-02-09T09:00:00Z');
    bot = await aTeamsBot({ clock: { now: () => now } });
    const { card } = await dryRun();
    now = new Date(now.getTime() + (HELD_IMPORT_MINUTES + 1) * 60_000);
    const importing = button(card, 'importSpreadsheet');
    expect(textOf((await bot.press(importing.verb, importing.data))?.value)).toContain(`sent more than ${HELD_IMPORT_MINUTES} minutes ago: send it again`);
    expect(await bot.stores.placements.list(bot.school.id)).toHaveLength(1);
  });

  it('answers a file sent in a team channel only with where to send it', async () => {
    const file = aFileInOneDrive(PLACEMENTS);
    const [reply] = await bot.say('', 'apLead', {
      conversation: { id: '19:staff@thread.tacv2', conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001' },
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'placements.csv', content: { downloadUrl: file.downloadUrl } }],
    });
    expect(reply?.text).toContain('1:1 chat');
    expect(file.seen).toEqual([]);
  });
});
