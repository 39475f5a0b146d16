import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { ackGate } from '../../../src/adapters/ackFirst.ts';
import { createTeams } from '../../../src/adapters/teams/index.ts';
import type { School } from '../../../src/core/policy/schoolConfig.ts';
import type { ChatAdapter } from '../../../src/ports/chatAdapter.ts';
import { aDecisionDesk, MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { registerLinks } from '../../fixtures/registerLinks.ts';

export const SERVICE_URL = 'https://smba.example.test/uk/';
export const TENANT = '00000000-0000-0000-0000-0000000000001';
/** The example school's staff as Teams users; the Playground's default user is the AP lead. Not UUIDs. */
/** P-001's absence on Fri 6 Feb (pm) followed up from its card on Monday: no contact, a home visit next. */
export const FOLLOWED_UP_NO_CONTACT = {
  actionId: 'recordAbsenceFollowUp:P-001:absence',
  placementId: 'P-001',
  version: 0,
  input: { absenceOn: '2026-02-06', session: 'pm' },
  'recordAbsenceFollowUp.on': '2026-02-09',
  'recordAbsenceFollowUp.contacted': 'mother',
  'recordAbsenceFollowUp.method': 'phone',
  'recordAbsenceFollowUp.outcome': 'no_contact',
  'recordAbsenceFollowUp.nextStep': 'home_visit',
};

export const USERS = {
  apLead: '00000000-0000-0000-0000-0000000000020',
  head: '00000000-0000-0000-0000-0000000000021',
  dsl: '00000000-0000-0000-0000-0000000000022',
  attendance: '00000000-0000-0000-0000-0000000000023',
  governor: '00000000-0000-0000-0000-0000000000024',
  deputyDsl: '00000000-0000-0000-0000-0000000000026',
  teacher: '00000000-0000-0000-0000-0000000000025',
  stranger: '00000000-0000-0000-0000-0000000000099',
} as const;
export type User = keyof typeof USERS;

export interface Sent {
  path: string;
  body: { type?: string; text?: string; attachments?: { contentType: string; content: CardJson }[]; replyToId?: string };
}
export type CardJson = { body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;

let ids = 0;

/** A message activity as Teams sends it: in the user's 1:1 chat unless a channel conversation is given. */
export function aMessage(text: unknown, user: User = 'apLead', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `m-${++ids}`,
    text,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: new Date(MONDAY_MORNING).toISOString(),
    from: { id: `29:${user}`, aadObjectId: USERS[user], name: user },
    recipient: { id: '28:apbot', name: 'apbot' },
    conversation: { id: `a:personal-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

/** A press on an `Action.Execute` button. */
export function aCardAction(verb: string, data: Record<string, unknown>, user: User = 'apLead'): Record<string, unknown> {
  return { ...aMessage(undefined, user), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

/** The bot added to a user's personal scope (the Playground sends this on every page load). */
export function anInstall(user: User = 'apLead'): Record<string, unknown> {
  return { ...aMessage(undefined, user), type: 'conversationUpdate', membersAdded: [{ id: '28:apbot' }, { id: `29:${user}` }] };
}

/**
 * The Teams bot on a real HTTP server over the example school's stores, with the Bot Framework
 * connector faked by nock: every message the bot sends lands in `sent`.
 */
export async function aTeamsBot(options: { placements?: Record<string, unknown>[]; demo?: boolean; appId?: string; school?: School; otherSchools?: School[]; clock?: { now(): Date } } = {}) {
  const desk = await aDecisionDesk(options.placements ?? [{}], options.school);
  const logs: { level: string; fields: object; message: string }[] = [];
  const log = {
    info: (fields: object, message: string) => void logs.push({ level: 'info', fields, message }),
    warn: (fields: object, message: string) => void logs.push({ level: 'warn', fields, message }),
    error: (fields: object, message: string) => void logs.push({ level: 'error', fields, message }),
  };
  // As on the bot's server: a message's turn runs after the acks of the requests waiting for theirs.
  const gate = ackGate();
  const teams: ChatAdapter = createTeams({
    afterAcks: gate.afterAcks,
    stores: desk.stores,
    schools: [desk.school, ...(options.otherSchools ?? [])],
    clock: options.clock ?? { now: () => new Date(MONDAY_MORNING) },
    log,
    registerLink: registerLinks,
    demo: options.demo ?? false,
    teams: { appType: 'MultiTenant', ...(options.appId ? { appId: options.appId, appPassword: 'not-a-real-secret' } : {}) },
  });
  const route = teams.routes['/api/messages'];
  if (!route) throw new Error('no /api/messages route');
  const server: Server = createServer((req, res) => {
    gate.track(res);
    void route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

  const sent: Sent[] = [];
  const connector = nock(SERVICE_URL.replace(/\/uk\/$/, ''))
    .persist()
    .post(/\/uk\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/);
  const failures: { status: number; headers: Record<string, string> }[] = [];
  connector.reply((path, body) => {
    const failure = failures.shift();
    if (failure) return [failure.status, { error: { code: `HTTP${failure.status}` } }, failure.headers];
    sent.push({ path, body: body as Sent['body'] });
    return [200, { id: `sent-${sent.length}` }];
  });

  /** The connector's next `times` answers are this status instead of a 200. */
  function failNext(status: number, times = 1, headers: Record<string, string> = {}) {
    for (let i = 0; i < times; i++) failures.push({ status, headers });
  }

  /** Posts an activity and, once it is answered, waits for the turn it started to finish sending. */
  async function post(activity: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof activity === 'string' ? activity : JSON.stringify(activity) });
    const text = await response.text();
    await teams.settled?.();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json: json as { statusCode?: number; type?: string; value?: CardJson & { message?: string } } | undefined };
  }

  /** Sends a message and returns what the bot said back. */
  async function say(text: string, user: User = 'apLead', extra: Record<string, unknown> = {}) {
    const before = sent.length;
    const response = await post(aMessage(text, user, extra));
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text}`);
    return sent.slice(before).map((s) => s.body);
  }

  /** Presses a card button and returns the card that replaces it. */
  async function press(verb: string, data: Record<string, unknown>, user: User = 'apLead') {
    const response = await post(aCardAction(verb, data, user));
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text}`);
    return response.json;
  }

  return {
    ...desk,
    teams,
    url,
    sent,
    logs,
    post,
    say,
    press,
    failNext,
    close: async () => {
      nock.removeInterceptor(connector);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await desk.stores.close();
    },
  };
}

export type TeamsBot = Awaited<ReturnType<typeof aTeamsBot>>;

/** Every text in a card (TextBlocks, inputs' labels, button titles), for asserting on what it says. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'label', 'title'] as const) if (typeof record[key] === 'string') out.push(record[key]);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** The `Action.Execute` buttons of a card (those behind a ShowCard too), with their verb and data; not its refresh. */
export function actionsOf(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute') out.push({ title: String(record.title), verb: String(record.verb), data: record.data as Record<string, unknown> });
    for (const [key, value] of Object.entries(record)) if (key !== 'refresh') walk(value);
  };
  walk(card);
  return out;
}

/** The card's automatic refresh: whom Teams refreshes it for, and what it sends back. */
export function refreshOf(card: CardJson): { userIds: string[]; verb: string; data: Record<string, unknown> } | undefined {
  const refresh = card['refresh'] as { userIds: string[]; action: { verb: string; data: Record<string, unknown> } } | undefined;
  return refresh && { userIds: refresh.userIds, verb: refresh.action.verb, data: refresh.action.data };
}

/** The ids of a card's inputs, where what someone types is sent back. */
export function inputIdsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string') out.push(record.id);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return out;
}

export function cardOf(activity: Sent['body'] | undefined): CardJson {
  const card = activity?.attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${JSON.stringify(activity)}`);
  return card;
}

export function isolateNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

export function resetNetwork(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

/**
 * Bots for the tests of one file (or describe block): the network isolated but for the bots' own
 * servers, and each bot closed after its test, before the network is reset.
 */
export function teamsBots(): (options?: Parameters<typeof aTeamsBot>[0]) => Promise<TeamsBot> {
  const open: TeamsBot[] = [];
  beforeEach(() => isolateNetwork());
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bot) => bot.close()));
    resetNetwork();
  });
  return async (options) => {
    const bot = await aTeamsBot(options);
    open.push(bot);
    return bot;
  };
}
