import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HELD_IMPORT_MINUTES, SENT_SPREADSHEET_MAX_BYTES } from '../../../src/app/chatImport.ts';
import { AP_LEAD, HEAD, slackWorkspaces, TEACHER, until, type Workspace } from './harness.ts';

// The AP lead shares a placements spreadsheet with the bot in its DM, sees the dry run as a card,
// and presses Import or Cancel; Slack's Web API and its file server are faked at the network edge.

const FILES = 'https://files.slack.com';
/** An export as a spreadsheet writes it: a byte-order mark, full names, dd/mm/yyyy, a quoted comma. */
const PLACEMENTS = "\uFEFFPupil ref,Forename,Surname,Year,Type,Start,End\r\nA2001,Siobhan,O'Neill,9,On-site AP,12/01/2026,27/03/2026\r\nA2002,\"Kwame, Jr\",Mensah,10,On-site AP,02/03/2026,\r\n,,,,,,\r\n";
const UNKNOWN_PROVIDER = 'Pupil ref,Initials,Type,Provider,Start\nA2003,ZA,Off-site AP,Hilltop Stables,12/01/2026\nA2004,DS,On-site AP,,12/01/2026\n';
const NAMES = ['Siobhan', "O'Neill", 'Kwame', 'Mensah'];

let ws: Workspace;
const openWorkspace = slackWorkspaces();
async function workspace(options: Parameters<typeof openWorkspace>[0] = {}) {
  ws = await openWorkspace(options);
  return ws;
}

let files = 0;
/** The file on Slack's file server, given only to the bot's token; `seen` counts the downloads. */
function aFileOnSlack(body: string | Buffer, options: { status?: number; contentType?: string } = {}) {
  const path = `/files-pri/T0DEMO0001-F0${++files}/download/placements.csv`;
  const seen: string[] = [];
  nock(FILES)
    .get(path)
    .reply(function () {
      seen.push(String(this.req.headers.authorization));
      return [options.status ?? 200, body, { 'content-type': options.contentType ?? 'text/csv' }];
    });
  return { url: `${FILES}${path}`, id: `F0${files}`, seen };
}

/** A file shared in the DM with the bot, as Slack sends it (`message.im`, subtype `file_share`). */
function share(user: string, file: Record<string, unknown>) {
  return ws.event({ type: 'message', subtype: 'file_share', channel: 'D0DM', channel_type: 'im', user, ts: `1700000001.00${++files}`, text: '', files: [file] });
}

const posted = (n: number) => until(() => ws.slack.sent('chat.postMessage')[n], `message ${n + 1} in the DM`);
const said = (message: Record<string, unknown> | undefined) => JSON.stringify(message?.blocks ?? '') + String(message?.text ?? '');

function buttonOf(message: Record<string, unknown>, actionId: string) {
  for (const block of message.blocks as { block_id?: string; elements?: { action_id?: string; value?: string }[] }[]) {
    const button = (block.elements ?? []).find((e) => e.action_id === actionId);
    if (button?.value) return { action_id: actionId, value: button.value, block_id: block.block_id ?? 'b1' };
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(message.blocks)}`);
}

async function dryRunCard(user = AP_LEAD, csv = PLACEMENTS) {
  const file = aFileOnSlack(csv);
  await share(user, { id: file.id, name: 'placements.csv', size: Buffer.byteLength(csv), mimetype: 'text/csv', url_private_download: file.url });
  return { card: await posted(0), file };
}

describe('a placements spreadsheet shared with the bot in its Slack DM', () => {
  it('comes back as a dry run, fetched with the bot token, with the pupils as initials and reference only', async () => {
    await workspace();
    const { card, file } = await dryRunCard();
    expect(file.seen).toEqual(['Bearer xoxb-test-token']);
    expect(said(card)).toContain('Check before importing');
    expect(said(card)).toContain('*Created*\\n2');
    expect(said(card)).toContain('Row 2 · Created · SO · A2001');
    expect(said(card)).toContain('Row 3 · Created · KM · A2002');
    for (const name of NAMES) expect(said(card)).not.toContain(name);
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });

  it('is imported once when Import is pressed, however often: the card says so and the audit has each placement', async () => {
    await workspace();
    const { card } = await dryRunCard();
    await ws.click(AP_LEAD, buttonOf(card, 'importSpreadsheet'), { ts: '1700000000.000200' });
    const updated = await until(() => ws.slack.sent('chat.update')[0], 'the card replaced');
    expect(updated).toMatchObject({ channel: 'D0DM', ts: '1700000000.000200' });
    expect(said(updated)).toContain('Imported');
    expect(said(updated)).toContain('Ms R Okafor imported this spreadsheet');
    expect(said(updated)).not.toContain('importSpreadsheet');
    const imported = await ws.stores.placements.list(ws.school.id);
    expect(imported.map((r) => r.placement.pupil.ref).sort()).toEqual(['A2001', 'A2002', 'Y9-0412']);
    const audit = await ws.stores.audit.list(ws.school.id);
    expect(audit.filter((e) => e.actor === 's-aplead' && /import/i.test(e.summary))).toHaveLength(2);
    for (const name of NAMES) expect(JSON.stringify({ imported, audit })).not.toContain(name);

    // The same button pressed again (a double click, a second copy of the card) imports nothing.
    await ws.click(AP_LEAD, buttonOf(card, 'importSpreadsheet'), { ts: '1700000000.000200' });
    const again = await until(() => ws.slack.responses[0]?.body, 'the answer to the second press');
    expect(said(again)).toMatch(/already imported, cancelled/);
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(3);
    expect(await ws.stores.audit.list(ws.school.id)).toHaveLength(audit.length);
    expect(ws.slack.sent('chat.update')).toHaveLength(1);
  });

  it('is dropped by Cancel: nothing imported, and Import on the same card then imports nothing', async () => {
    await workspace();
    const { card } = await dryRunCard();
    await ws.click(AP_LEAD, buttonOf(card, 'cancelImport'));
    expect(said(await until(() => ws.slack.sent('chat.update')[0], 'the card replaced'))).toContain('Import cancelled');
    await ws.click(AP_LEAD, buttonOf(card, 'importSpreadsheet'));
    expect(said(await until(() => ws.slack.responses[0]?.body, 'the answer'))).toMatch(/send it again/);
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });

  it('is read from the file record when the message carries only the file id', async () => {
    await workspace();
    const file = aFileOnSlack(PLACEMENTS);
    ws.slack.answerNext('files.info', [200, { ok: true, file: { id: file.id, name: 'placements.csv', size: Buffer.byteLength(PLACEMENTS), url_private_download: file.url } }]);
    await share(AP_LEAD, { id: file.id, file_access: 'check_file_info' });
    expect(said(await posted(0))).toContain('Check before importing');
    expect(ws.slack.sent('files.info')).toEqual([expect.objectContaining({ file: file.id })]);
  });

  it('with a refused row offers no Import, lists the refused row first with its reason, and changes nothing', async () => {
    await workspace();
    const { card } = await dryRunCard(HEAD, UNKNOWN_PROVIDER);
    expect(said(card)).toContain('cannot be imported as it is');
    expect(said(card).indexOf('Row 2 · Refused · ZA · A2003')).toBeLessThan(said(card).indexOf('Row 3 · Created · DS · A2004'));
    expect(said(card)).toContain('Hilltop Stables');
    expect(said(card)).not.toContain('importSpreadsheet');
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });
});

describe('what the bot will not import from a Slack DM', () => {
  it('refuses a spreadsheet from someone who may not import placements, without fetching it', async () => {
    await workspace();
    const file = aFileOnSlack(PLACEMENTS);
    await share(TEACHER, { id: file.id, name: 'placements.csv', size: 200, url_private_download: file.url });
    expect(said(await posted(0))).toContain('Only the AP lead or the headteacher can import placements');
    expect(file.seen).toEqual([]);
    expect(await ws.stores.audit.list(ws.school.id, { actor: 's-teacher' })).toEqual([expect.objectContaining({ action: 'refused:importPlacements', outcome: 'refused' })]);
  });

  it('asks for a CSV file when sent a workbook', async () => {
    await workspace();
    const file = aFileOnSlack('PK\u0003\u0004');
    await share(AP_LEAD, { id: file.id, name: 'placements.xlsx', size: 9000, url_private_download: file.url });
    expect(said(await posted(0))).toContain('placements.xlsx is not a CSV file. Save the spreadsheet as CSV');
    expect(file.seen).toEqual([]);
  });

  it('refuses a file too big, whether Slack says so or the download runs past the limit', async () => {
    await workspace();
    const big = aFileOnSlack('x');
    await share(AP_LEAD, { id: big.id, name: 'placements.csv', size: SENT_SPREADSHEET_MAX_BYTES + 1, url_private_download: big.url });
    expect(said(await posted(0))).toContain('larger than 2 MB');
    expect(big.seen).toEqual([]);
    const unsaid = aFileOnSlack(Buffer.alloc(SENT_SPREADSHEET_MAX_BYTES + 4096, 'a'));
    await share(AP_LEAD, { id: unsaid.id, name: 'placements.csv', url_private_download: unsaid.url });
    expect(said(await posted(1))).toContain('larger than 2 MB');
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });

  it('says so when the file cannot be fetched, or Slack sends its sign-in page instead', async () => {
    await workspace();
    const missing = aFileOnSlack('not found', { status: 404, contentType: 'text/plain' });
    await share(AP_LEAD, { id: missing.id, name: 'placements.csv', size: 100, url_private_download: missing.url });
    expect(said(await posted(0))).toContain('I could not fetch placements.csv from Slack (Slack answered 404)');
    const page = aFileOnSlack('<html>Sign in</html>', { contentType: 'text/html; charset=utf-8' });
    await share(AP_LEAD, { id: page.id, name: 'placements.csv', size: 100, url_private_download: page.url });
    expect(said(await posted(1))).toContain('Slack sent a web page instead of the file');
    const elsewhere = aFileOnSlack(PLACEMENTS);
    await share(AP_LEAD, { id: elsewhere.id, name: 'placements.csv', size: 100, url_private_download: 'https://files.slack.com.example.org/x.csv' });
    expect(said(await posted(2))).toContain('it did not come with a Slack address');
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });

  it('refuses Import pressed after the dry run has waited more than 30 minutes, importing nothing', async () => {
    let now = new Date('2026-02-09T09:00:00Z');
    await workspace({ clock: { now: () => now } });
    const { card } = await dryRunCard();
    now = new Date(now.getTime() + (HELD_IMPORT_MINUTES + 1) * 60_000);
    await ws.click(AP_LEAD, buttonOf(card, 'importSpreadsheet'));
    expect(said(await until(() => ws.slack.responses[0]?.body, 'the refusal'))).toContain(`sent more than ${HELD_IMPORT_MINUTES} minutes ago: send it again`);
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });

  it('answers something typed in the DM with the commands, and ignores its own and edited messages', async () => {
    await workspace();
    await ws.event({ type: 'message', channel: 'D0DM', channel_type: 'im', user: AP_LEAD, ts: '1700000002.000100', text: 'due' });
    const reply = await posted(0);
    expect(said(reply)).toContain('share the CSV file with me');
    expect(said(reply)).toContain('/ap due');
    await ws.event({ type: 'message', subtype: 'message_changed', channel: 'D0DM', channel_type: 'im', ts: '1700000002.000200', message: { text: 'due!' } });
    await ws.event({ type: 'message', channel: 'D0DM', channel_type: 'im', user: 'U0BOT', bot_id: 'B0BOT', ts: '1700000002.000300', text: 'a nudge' });
    await new Promise((r) => setTimeout(r, 100));
    expect(ws.slack.sent('chat.postMessage')).toHaveLength(1);
  });

  it('refuses Import from someone who may not import, and a button whose spreadsheet is not held', async () => {
    await workspace();
    const { card } = await dryRunCard();
    await ws.click(TEACHER, buttonOf(card, 'importSpreadsheet'));
    expect(said(await until(() => ws.slack.responses[0]?.body, 'the refusal'))).toContain('Only the AP lead or the headteacher');
    await ws.click(HEAD, buttonOf(card, 'importSpreadsheet'));
    expect(said(await until(() => ws.slack.responses[1]?.body, 'the refusal'))).toMatch(/send it again/);
    expect(await ws.stores.placements.list(ws.school.id)).toHaveLength(1);
  });
});
