import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { freePort, spawnBot, stopChild, waitForReady, type Child } from '../../src/cli/demo.ts';
import { cleanEnv } from './cleanEnv.ts';

/**
 * A fresh clone's first run, with nothing configured: `npm start` as a child process, spoken to the
 * way Agents Playground speaks to it (unsigned Bot Framework activities from its default user), the
 * bot's replies caught by a stand-in connector service. Killed with SIGKILL twice on the way, so the
 * decision it acknowledged has to be on disk.
 */

const PLAYGROUND_USER = { id: '29:e2e-user', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
const TENANT = '00000000-0000-0000-0000-0000000000001';
const CONVERSATION = 'a:e2e-personal-chat';
const Y9_0412 = 'P-001';

/** The Bot Framework connector the bot replies to: remembers every activity posted to it. */
interface Connector {
  url: string;
  received: Record<string, unknown>[];
  server: Server;
}

async function startConnector(): Promise<Connector> {
  const received: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received, server };
}

function activity(serviceUrl: string, rest: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
    from: PLAYGROUND_USER,
    recipient: { id: '28:apbot', name: 'apbot' },
    conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...rest,
  };
}

/** Posts an activity to the bot; returns the HTTP status and body (an invoke's answer is in the body). */
async function post(botUrl: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Sends a message and waits for the bot's reply to it at the connector. */
async function say(botUrl: string, connector: Connector, text: string): Promise<string> {
  const message = activity(connector.url, { type: 'message', text });
  const before = connector.received.length;
  const { status } = await post(botUrl, message);
  expect(status).toBeLessThan(300);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const reply = connector.received.slice(before).find((a) => a.replyToId === message.id || a.type === 'message');
    if (reply) return JSON.stringify(reply);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No reply to "${text}"`);
}

/** The version a card's buttons carry for a placement: what a press sends back. */
function versionIn(json: string, placementId: string): number | undefined {
  let found: number | undefined;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (record.placementId === placementId && typeof record.version === 'number') found ??= record.version;
    Object.values(record).forEach(walk);
  };
  walk(JSON.parse(json));
  return found;
}

let bot: Child | undefined;
let connector: Connector | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'apbot-first-run-'));
let port = 0;
let botUrl = '';

// What the AP lead types into the visit's form: the card sends it as `<verb>.<field>`.
const QA_VISIT_TYPED = {
  'recordQaVisit.on': '2026-02-09',
  'recordQaVisit.visitedBy': 'Ms R Okafor',
  'recordQaVisit.checked': 'teaching,safeguarding,attendance_registers',
  'recordQaVisit.outcome': 'satisfactory',
  'recordQaVisit.actions': 'none',
};

async function startFresh(): Promise<void> {
  bot = spawnBot(cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }));
  await waitForReady(botUrl, bot, 45_000);
}

async function killHard(): Promise<void> {
  const proc = bot?.process;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((done) => proc.once('exit', done));
  proc.kill('SIGKILL');
  await gone;
}

beforeAll(async () => {
  port = await freePort();
  botUrl = `http://127.0.0.1:${port}`;
  connector = await startConnector();
});

afterAll(async () => {
  await killHard().catch(() => undefined);
  await stopChild(bot).catch(() => undefined);
  await new Promise((done) => connector?.server.close(done));
});

describe('first run with no .env: npm start, then Teams activities as the Playground sends them', () => {
  it('answers "due" with an overdue item, and keeps one recorded decision through two SIGKILLs', { timeout: 120_000 }, async () => {
    const c = connector!;
    await startFresh();

    const due = await say(botUrl, c, 'due');
    expect(due).toContain('application/vnd.microsoft.card.adaptive');
    expect(due).toMatch(/Y8-0210/);
    expect(due).toMatch(/\blate\b|overdue/i);

    // Crash straight after: what the first start loaded must come back.
    await killHard();
    await startFresh();

    const status = await say(botUrl, c, 'status Y9-0412');
    const version = versionIn(status, Y9_0412);
    expect(version, `a version for ${Y9_0412} on the status card: ${status.slice(0, 500)}`).toBeTypeOf('number');

    const press = activity(c.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'recordQaVisit', data: { actionId: 'e2e-a1', placementId: Y9_0412, version, input: {}, ...QA_VISIT_TYPED } }, trigger: 'manual' },
    });
    const answer = await post(botUrl, press);
    expect(answer.status).toBe(200);
    const card = JSON.stringify(answer.body);
    expect(card).toContain('application/vnd.microsoft.card.adaptive');
    expect(card).toMatch(/recorded the QA visit/i);

    // Crash straight after the acknowledgement, then press the same button again: it records once.
    await killHard();
    await startFresh();
    const again = JSON.stringify((await post(botUrl, { ...press, id: randomUUID() })).body);
    expect(again, 'a replayed press answers with the done card').toMatch(/recorded the QA visit/i);

    await killHard();
    const stores = await openJournalStores({ dataDir, warn: () => undefined });
    try {
      const audit = (await stores.audit.list('oakfield')).filter((e) => e.action === 'recordQaVisit');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ outcome: 'recorded', placementId: Y9_0412, actor: 's-aplead' });
      const record = await stores.placements.get('oakfield', Y9_0412);
      const visits = record!.placement.history.filter((e) => e.type === 'qa_visit' && e.key !== undefined);
      expect(visits).toHaveLength(1);
      expect(record!.placement.version).toBe(version! + 1);
    } finally {
      await stores.close();
    }
  });
});
