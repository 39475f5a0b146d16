import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort, spawnBot, stopChild, waitForReady, type Child } from '../../src/cli/demo.ts';
import { cleanEnv } from '../e2e/cleanEnv.ts';

/**
 * A whole journey through the running bot (a concern, an absence, a part-time timetable approved by
 * both approvers, Slack commands), then every line it logged and every file it wrote outside its
 * data directory is searched for what must never be there: pupils' initials beside their
 * reference, what a concern said, people's names, and secrets.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = '00000000-0000-0000-0000-0000000000001';
const USERS = { head: '…21', apLead: '…20', dsl: '…22', attendance: '…23', teacher: '…25' } as const;
const aad = (short: string) => `00000000-0000-0000-0000-00000000000${short.slice(1)}`;
const SIGNING_SECRET = `privacy-probe-signing-${randomUUID()}`;
const BOT_TOKEN = `xoxb-privacy-probe-${randomUUID()}`;
const CONCERN = `Privacy probe ${randomUUID().slice(0, 8)}: Kai Marsh said an older boy at the provider takes his dinner money`;

interface Listener {
  url: string;
  received: { path: string; body: string }[];
  server: Server;
}

/** A stand-in for the Bot Framework connector and the Slack Web API: keeps what the bot sent, answers ok. */
async function aListener(answer: (path: string) => unknown): Promise<Listener> {
  const received: Listener['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req.url ?? '')));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received, server };
}

let bot: Child | undefined;
let connector: Listener;
let slackApi: Listener;
let botUrl = '';
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'apbot-privacy-'));
const dataDir = join(work, 'data');
const home = join(work, 'home');
const temp = join(work, 'tmp');

function activity(who: keyof typeof USERS, rest: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: `${connector.url}/`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${who}`, name: who, aadObjectId: aad(USERS[who]) },
    recipient: { id: '28:apbot', name: 'apbot' },
    conversation: { id: `a:personal-${who}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...rest,
  };
}

async function post(body: unknown, path = '/api/messages', headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${botUrl}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

const press = (who: keyof typeof USERS, verb: string, placementId: string, input: Record<string, unknown>) =>
  post(activity(who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { actionId: randomUUID(), placementId, input } }, trigger: 'manual' } }));

async function slackCommand(text: string) {
  const body = new URLSearchParams({ team_id: 'T0DEMO0001', user_id: 'U0DEMOAPLD', command: '/ap', text, channel_id: 'D0DM', response_url: `${slackApi.url}/respond/${randomUUID()}`, trigger_id: randomUUID() }).toString();
  const at = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${at}:${body}`).digest('hex')}`;
  return post(body, '/slack/events', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature });
}

async function until(probe: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every file under `dir` changed since the journey started, but the data directory and what tools keep. */
function filesWrittenUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      // Other suites write under tests/ and build dist/ (the compiled start) at the same time; the bot writes in neither.
      if (full === dataDir || ['node_modules', '.git', 'tests', 'dist', 'build'].includes(entry.name)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && statSync(full).mtimeMs >= started) out.push(full);
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  mkdirSync(home);
  mkdirSync(temp);
  connector = await aListener(() => ({ id: randomUUID() }));
  slackApi = await aListener((path) => (path.endsWith('auth.test') ? { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0DEMO0001' } : { ok: true, channel: { id: 'D0DM' }, ts: '1.2' }));
  const port = await freePort();
  botUrl = `http://127.0.0.1:${port}`;
  bot = spawnBot(
    cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'trace', HOME: home, TMPDIR: temp, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: `${slackApi.url}/api/` }),
  );
  await waitForReady(botUrl, bot, 60_000);
}, 90_000);

afterAll(async () => {
  await stopChild(bot).catch(() => undefined);
  await Promise.all([connector, slackApi].map((l) => new Promise((done) => l?.server.close(done))));
});

describe('what the bot keeps to itself over a whole journey', () => {
  it('logs and writes outside its data directory no pupil initials beside a reference, no concern text, no names and no secrets', { timeout: 120_000 }, async () => {
    for (const who of Object.keys(USERS) as (keyof typeof USERS)[])
      expect((await post(activity(who, { type: 'conversationUpdate', membersAdded: [{ id: '28:apbot' }, { id: `29:${who}` }] }))).status).toBe(200);

    // A concern from a teacher, an absence from the attendance officer, a part-time timetable approved twice, Slack commands.
    expect((await press('teacher', 'logConcern', 'P-001', { category: 'safeguarding', details: CONCERN })).status).toBe(200);
    expect((await press('attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'absent_unauthorised' })).status).toBe(200);
    expect((await press('head', 'approvePartTimeTimetable', 'P-003', {})).status).toBe(200);
    expect((await press('apLead', 'approvePartTimeTimetable', 'P-003', {})).status).toBe(200);
    expect((await post(activity('apLead', { type: 'message', text: 'status Y9-0412' }))).status).toBe(200);
    expect((await slackCommand('due')).status).toBe(200);
    expect((await slackCommand('status Y9-0412')).status).toBe(200);
    // Refusals are logged: a stranger, and a request with a forged signature.
    expect((await post({ ...activity('teacher', { type: 'message', text: `concern Y9-0412 ${CONCERN}` }), from: { id: '29:x', name: 'Kai Marsh', aadObjectId: aad('…99') } })).status).toBe(200);
    expect((await post('command=%2Fap&text=due', '/slack/events', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=forged' })).status).toBe(401);
    // The concern reaches the DSL, in the DSL's own chat: the journey really ran.
    await until(() => connector.received.some((r) => r.path.includes('personal-dsl') && r.body.includes(CONCERN)), 'the concern alert in the DSL’s chat', 60_000);
    await stopChild(bot);

    const school = parse(readFileSync(join(ROOT, 'examples/school.yaml'), 'utf8')) as { staff: { name: string }[] };
    const placements = JSON.parse(readFileSync(join(ROOT, 'examples/placements.json'), 'utf8')) as { pupil: { ref: string; initials: string } }[];
    const forbidden: [string, RegExp][] = [
      ['what the concern said', new RegExp(CONCERN.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
      ['the pupil named in the concern', /Kai Marsh/],
      ['the signing secret', new RegExp(SIGNING_SECRET)],
      ['the bot token', new RegExp(BOT_TOKEN)],
      ...school.staff.map((s): [string, RegExp] => [`a staff name (${s.name})`, new RegExp(s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))]),
      ...placements.map(({ pupil }): [string, RegExp] => [`${pupil.ref} beside its initials`, new RegExp(`\\b${pupil.initials}\\b\\W{0,4}${pupil.ref}\\b|\\b${pupil.ref}\\b\\W{0,4}${pupil.initials}\\b`)]),
    ];

    const logged = bot!.output();
    expect(logged.split('\n').filter((l) => l.startsWith('{')).length, 'the refusals were logged').toBeGreaterThanOrEqual(2);
    const files = [...filesWrittenUnder(work), ...filesWrittenUnder(ROOT).filter((f) => !f.startsWith(work))];
    const found: string[] = [];
    for (const [what, pattern] of forbidden) {
      if (pattern.test(logged)) found.push(`${what} in the log`);
      for (const file of files) if (pattern.test(readFileSync(file, 'utf8'))) found.push(`${what} in ${relative(ROOT, file)}`);
    }
    expect(found).toEqual([]);
  });
});
