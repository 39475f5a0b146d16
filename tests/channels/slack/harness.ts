import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ackGate } from '../../../src/adapters/ackFirst.ts';
import { createSlack } from '../../../src/adapters/slack/index.ts';
import { openJournalStores } from '../../../src/adapters/storage/journal/openJournalStores.ts';
import { rememberOpenPlacements } from '../../../src/app/openAtSchool.ts';
import type { School } from '../../../src/core/policy/schoolConfig.ts';
import type { ChatAdapter, Log } from '../../../src/ports/chatAdapter.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { aPlacement } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';
import { registerLinks } from '../../fixtures/registerLinks.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0DEMO0001';
/** The example school's staff, by their Slack user ids. */
export const HEAD = 'U0DEMOHEAD';
export const AP_LEAD = 'U0DEMOAPLD';
export const DSL = 'U0DEMODSL1';
export const TEACHER = 'U0DEMOTCHR';
export const STRANGER = 'U0NOTSTAFF';

/** Every Web API method any test saw, for the manifest's scopes. */
export const methodsSeen = new Set<string>();

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
}
type Reply = [number, Record<string, unknown>, Record<string, string>?];

const DEFAULT_REPLIES: Record<string, Record<string, unknown>> = {
  'auth.test': { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: TEAM },
  'conversations.open': { ok: true, channel: { id: 'D0DM' } },
  'chat.postMessage': { ok: true, channel: 'D0DM', ts: '1700000000.000200' },
  'conversations.history': { ok: true, messages: [] },
};

/** A form-encoded Web API body with its JSON fields (blocks, view, metadata) read back. */
function parseBody(body: unknown): Record<string, unknown> {
  const fields = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, unknown>);
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      if (typeof v !== 'string' || !/^[[{]/.test(v)) return [k, v];
      try {
        return [k, JSON.parse(v)];
      } catch {
        return [k, v];
      }
    }),
  );
}

/**
 * The Slack Web API and response URLs, faked with nock; records what the bot sent. Each
 * workspace has its own hosts, so work still finishing after a test cannot land in the next one.
 */
function fakeSlack(apiOrigin: string, hooks: string) {
  const calls: ApiCall[] = [];
  const responses: ApiCall[] = [];
  const queued = new Map<string, Reply[]>();
  nock(apiOrigin)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply((uri, body) => {
      const method = uri.replace('/api/', '');
      methodsSeen.add(method);
      calls.push({ method, body: parseBody(body) });
      const next = queued.get(method)?.shift();
      return next ?? [200, DEFAULT_REPLIES[method] ?? { ok: true }];
    });
  nock(hooks)
    .persist()
    .post(/.*/)
    .reply((uri, body) => {
      responses.push({ method: uri, body: parseBody(body) });
      return [200, 'ok'];
    });
  return {
    calls,
    /** What went back through response URLs (ephemeral replies to commands and buttons). */
    responses,
    sent: (method: string) => calls.filter((c) => c.method === method).map((c) => c.body),
    /** The next call of a method gets this answer instead of the default. */
    answerNext(method: string, ...replies: Reply[]) {
      queued.set(method, [...(queued.get(method) ?? []), ...replies]);
    },
  };
}

export function aLog() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  const log: Log = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

export function sign(body: string, at = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`,
  };
}

export async function until<T>(probe: () => T | undefined | false, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const FORM = 'application/x-www-form-urlencoded';
let sequence = 0;
let workspaces = 0;

/**
 * The bot's Slack adapter on a real HTTP server at 127.0.0.1, the example school in a memory
 * store with the given placements, and Slack itself faked: requests signed as Slack signs them.
 */
export async function aSlackWorkspace(options: { placements?: Record<string, unknown>[]; retries?: number; now?: string; clock?: { now(): Date }; moreStaff?: Record<string, unknown>[]; otherSchools?: School[] } = {}) {
  const school = options.moreStaff ? aSchool({}, { staff: [...aSchool().config.staff, ...options.moreStaff] }) : aSchool();
  // As the bot runs on the embedded store: what is open at the school is remembered between writes.
  const stores = rememberOpenPlacements(await openJournalStores());
  for (const overrides of options.placements ?? [{}]) {
    const placement = aPlacement(overrides);
    await stores.placements.create({
      record: { schoolId: school.id, placement, nextDueAt: null },
      idempotencyKey: `seed-${placement.id}`,
      audit: { schoolId: school.id, at: new Date('2026-01-01T09:00:00Z'), actor: 'import', role: null, action: 'import', placementId: placement.id, idempotencyKey: `seed-${placement.id}`, outcome: 'recorded', summary: 'Imported' },
    });
  }
  const n = ++workspaces;
  const apiOrigin = `https://slack-${n}.test`;
  const hooks = `https://hooks-${n}.test`;
  const slack = fakeSlack(apiOrigin, hooks);
  const { log, lines } = aLog();
  // As on the bot's server: answers after an ack wait until no request waits for its own ack.
  const gate = ackGate();
  const adapter: ChatAdapter = createSlack({
    stores,
    schools: [school, ...(options.otherSchools ?? [])],
    clock: options.clock ?? { now: () => new Date(options.now ?? MONDAY_MORNING) },
    log,
    registerLink: registerLinks,
    demo: false,
    afterAcks: gate.afterAcks,
    slack: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-test-token', apiUrl: `${apiOrigin}/api`, retries: options.retries ?? 0 },
  });
  const route = adapter.routes['/slack/events'];
  if (!route) throw new Error('no /slack/events route');
  const server: Server = createServer((req, res) => {
    gate.track(res);
    if (req.url === '/slack/events') void route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  const post = async (body: string, contentType: string, headers: Record<string, string> = sign(body)) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    return { status: res.status, text: await res.text() };
  };
  const interactive = (payload: object) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  const user = (id: string) => ({ id, username: id.toLowerCase(), team_id: TEAM });
  const nextId = () => `${Date.now()}${++sequence}`;

  return {
    school,
    stores,
    adapter,
    slack,
    lines,
    url,
    hooks,
    post,
    /** `/ap <text>` typed in a channel (the staffroom unless another is given, `D…` for a DM), named as Slack names it. */
    command(userId: string, text: string, channelId = 'C0STAFF', channelName = channelId.startsWith('D') ? 'directmessage' : channelId === 'C0STAFF' ? 'staffroom' : 'ap-team') {
      return post(
        new URLSearchParams({
          token: 'legacy',
          team_id: TEAM,
          team_domain: 'oakfield',
          channel_id: channelId,
          channel_name: channelName,
          user_id: userId,
          user_name: userId.toLowerCase(),
          command: '/ap',
          text,
          api_app_id: 'A0APBOT',
          response_url: `${hooks}/commands/${TEAM}/${nextId()}/x`,
          trigger_id: `trigger-${nextId()}`,
        }).toString(),
        FORM,
      );
    },
    /**
     * A button on a message the bot posted (or, with `home`, on App Home; with `ephemeral`, on a
     * reply to `/ap` in a channel, which only its response URL can change).
     */
    click(userId: string, button: { action_id: string; value: string; block_id?: string }, where: { ts?: string; home?: boolean; ephemeral?: boolean } = {}) {
      const ts = where.ts ?? '1700000000.000200';
      const channel = where.ephemeral ? 'C0STAFF' : 'D0DM';
      return interactive({
        type: 'block_actions',
        team: { id: TEAM, domain: 'oakfield' },
        user: user(userId),
        api_app_id: 'A0APBOT',
        trigger_id: `trigger-${nextId()}`,
        ...(where.home
          ? { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } }
          : {
              container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: where.ephemeral === true },
              channel: { id: channel, name: where.ephemeral ? 'staffroom' : 'directmessage' },
              message: { type: 'message', ts, text: 'card' },
              response_url: `${hooks}/actions/${TEAM}/${nextId()}/x`,
            }),
        actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id ?? 'b1', value: button.value, action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: 'x' } }],
      });
    },
    /** Submits a modal the bot opened, with the state Slack would send for these field values. */
    submit(userId: string, view: { callback_id: string; private_metadata: string; id?: string; blocks?: unknown[] }, values: Record<string, Record<string, unknown>>) {
      return interactive({
        type: 'view_submission',
        team: { id: TEAM, domain: 'oakfield' },
        user: user(userId),
        api_app_id: 'A0APBOT',
        trigger_id: `trigger-${nextId()}`,
        view: {
          id: view.id ?? `V${nextId()}`,
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          team_id: TEAM,
          app_id: 'A0APBOT',
          bot_id: 'B0BOT',
          hash: 'h',
          blocks: view.blocks ?? [],
          state: { values: Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { value: v }])) },
        },
      });
    },
    event(event: object) {
      const body = JSON.stringify({ token: 'legacy', team_id: TEAM, api_app_id: 'A0APBOT', type: 'event_callback', event_id: `Ev${nextId()}`, event_time: 1, event });
      return post(body, 'application/json');
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Workspace = Awaited<ReturnType<typeof aSlackWorkspace>>;

/** Field values as Slack's view state holds them, by element kind. */
export const typed = (value: string) => ({ type: 'plain_text_input', value });
export const picked = (value: string) => ({ type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } });
export const pickedMany = (...values: string[]) => ({ type: 'multi_static_select', selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })) });
export const ticked = (...values: string[]) => ({ type: 'checkboxes', selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })) });
export const dated = (selected_date: string | null) => ({ type: 'datepicker', selected_date });

/**
 * Workspaces for the tests of one file (or describe block): Slack's network faked, only the bot's
 * own server reachable, and each workspace closed after its test.
 */
export function slackWorkspaces(): (options?: Parameters<typeof aSlackWorkspace>[0]) => Promise<Workspace> {
  const open: Workspace[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close()));
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());
  return async (options = {}) => {
    const ws = await aSlackWorkspace(options);
    open.push(ws);
    return ws;
  };
}
