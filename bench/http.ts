// `npm run bench:http`: the bot and the bare frameworks (bench/bare/server.js: a Bolt app whose
// handlers only ack and a botbuilder CloudAdapter whose invoke returns a one-line card) answer the
// same requests in one run on this machine: p50, p99, requests/s and server memory at 1 and 50 at
// once, and the ratios, each pair measured back to back (bare, bot, bot, bare). The bot runs as `npm start` runs it
// (compiled), in demo mode (Teams without an app id, as in the Agents Playground), with Slack's Web
// API, its response URLs and the Bot Framework connector pointed at a local stand-in (bench/standIn.js).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { request, Agent } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, START_ARGS } from '../src/cli/demo.ts';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0DEMO0001';
const AP_LEAD = { slack: 'U0DEMOAPLD', teams: '00000000-0000-0000-0000-0000000000020' };
const TENANT = '00000000-0000-0000-0000-0000000000001';
// Three thousand requests one at a time and two thousand 50 at once, so a p99 is the thirtieth or
// twentieth slowest, not (of two hundred, as this bench took at first) the second: one pause of the
// collector, or of the shared machine, no longer decides it. A server answers them in a second or
// two, so the pairs (bare, bot, bot, bare) are taken in rounds: a moment when the machine is slow
// falls on both servers, not on one.
const LEVELS = [
  { concurrent: 1, requests: 3_000, rounds: 10 },
  { concurrent: 50, requests: 2_000, rounds: 4 },
];

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
}

async function start(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} stopped:\n${output}`);
    if (output.includes('ready') || output.includes('is running at')) return { name, child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start:\n${output}`);
}

// Slack's Web API, every response URL and the Bot Framework connector: bench/standIn.js.
const stand = await start('stand-in', ['bench/standIn.js'], {});
const standIn = stand.url;
interface Arrived {
  slackDueLists: number;
  slackSnoozes: number;
  teamsDueCards: number;
  lastTeamsActivity: string;
  /** Each answer's request number and when it arrived (wall clock, ms). */
  answers: [number, number][];
}
/** What has reached the stand-in; `forget` clears its answers and last Teams activity once read. */
async function arrived(forget = false): Promise<Arrived> {
  return (await (await fetch(`${standIn}/bench/arrived`, { method: forget ? 'DELETE' : 'GET' })).json()) as Arrived;
}

/** CPU time a server's process has used so far (every thread, user and system), ms; Linux counts it in ticks of 10 ms. */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const rssMib = (pid: number | undefined) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * Each server's memory once it has been idle a while (60 s from its start, no request yet): a
 * server idles most of the day. V8 hands back what start-up grew (its young generation, emptied
 * old-space pages) when its memory reducer next finds the process quiet, which here came 16 to 45 s
 * after the start, for the bot and the bare servers alike; a reading sooner is often start-up's.
 */
const IDLE_AFTER_MS = 60_000;

/**
 * One request: where it goes, its body and headers (made afresh for each: no two are the same
 * signed bytes), and its number, which its answer after the ack names.
 */
interface Call {
  path: string;
  body: string;
  headers: Record<string, string>;
  n: number;
}

let sent = 0;
/** When each request was sent, by its number: the wall clock, ms, to the microsecond (the stand-in notes an answer's arrival by the same clock). */
const sentAt = new Map<number, number>();
function signed(body: string, contentType = 'application/x-www-form-urlencoded'): Call {
  const at = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${at}:${body}`).digest('hex')}`;
  return { path: '/slack/events', body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature }, n: sent };
}

const slashCommand = (text: string) => (): Call =>
  signed(
    new URLSearchParams({
      token: 'unused',
      team_id: TEAM,
      team_domain: 'oakfield',
      channel_id: 'D0BENCH',
      channel_name: 'directmessage',
      user_id: AP_LEAD.slack,
      user_name: 'r.okafor',
      command: '/ap',
      text,
      api_app_id: 'A0BENCH',
      response_url: `${standIn}/respond/${++sent}`,
      trigger_id: `1.2.${sent}`,
    }).toString(),
  );

/** A snooze, as a reminder's Snooze button carries it with its date and reason filled in. */
interface Snooze {
  placementId: string;
  obligation: string;
  until: string;
}
const REASON = 'The provider is sending the report this week';

/** A button on an ephemeral `/ap` answer that records a snooze; each a different card, so each is recorded. */
const slackSnooze = (targets: Snooze[]) => (): Call => {
  const target = targets[sent % targets.length] as Snooze;
  const value = { actionId: `bench-${randomUUID()}`, placementId: target.placementId, version: null, input: { obligation: target.obligation, until: target.until, reason: REASON } };
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'oakfield' },
    user: { id: AP_LEAD.slack, username: 'r.okafor', team_id: TEAM },
    api_app_id: 'A0BENCH',
    trigger_id: `1.2.${sent}`,
    container: { type: 'message', message_ts: '1.1', channel_id: 'D0BENCH', is_ephemeral: true },
    channel: { id: 'D0BENCH', name: 'directmessage' },
    response_url: `${standIn}/respond/${++sent}`,
    actions: [{ type: 'button', action_id: 'snoozeNudge', block_id: 'b1', value: JSON.stringify(value), action_ts: '1.1', text: { type: 'plain_text', text: 'Snooze' } }],
  };
  return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
};

function teamsActivity(extra: Record<string, unknown>): Call {
  const activity = {
    type: 'message',
    id: `bench-${++sent}`,
    channelId: 'msteams',
    serviceUrl: `${standIn}/`,
    timestamp: new Date().toISOString(),
    from: { id: '29:ap-lead', aadObjectId: AP_LEAD.teams, name: 'AP lead' },
    recipient: { id: '28:apbot', name: 'apbot' },
    conversation: { id: 'a:personal-ap-lead', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
  return { path: '/api/messages', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' }, n: sent };
}
const teamsMessage = (text: string) => () => teamsActivity({ text });
const teamsAction = (verb: string, data: Record<string, unknown>) => teamsActivity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
/** The Snooze button on a reminder card, pressed with its date and reason filled in; each press a card of its own. */
const teamsSnooze = (targets: Snooze[]) => () => {
  const target = targets[++sent % targets.length] as Snooze;
  return teamsAction('snoozeNudge', { actionId: `bench-${randomUUID()}`, placementId: target.placementId, version: null, input: { obligation: target.obligation }, 'snoozeNudge.until': target.until, 'snoozeNudge.reason': REASON });
};

// Idle connections are closed here after 4 s, before either server's own 5 s keep-alive closes
// them: a request sent on a connection the server is closing at that moment is reset.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });

function send(url: string, call: Call): Promise<{ ms: number; body: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    sentAt.set(call.n, performance.timeOrigin + started);
    const req = request(`${url}${call.path}`, { method: 'POST', agent, headers: call.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => (res.statusCode === 200 ? done({ ms: performance.now() - started, body }) : fail(new Error(`${url}${call.path}: HTTP ${res.statusCode} ${body}`))));
    });
    req.on('error', fail);
    req.end(call.body);
  });
}

/** One server's answers to a share of a level's requests. */
interface Run {
  times: number[];
  seconds: number;
  /** Answers whose body passed the scenario's check. */
  good: number;
}

interface Result {
  p50: number;
  p99: number;
  perSecond: number;
  good: number;
}

/**
 * `requests` of one kind, `concurrent` at a time. They are made (and signed) before the clock
 * starts, and this process collects its own garbage then too: the bench's own work and pauses
 * would otherwise land in the times it takes of the servers.
 */
async function load(url: string, call: () => Call, concurrent: number, requests: number, good: (body: string) => boolean): Promise<Run> {
  const calls = Array.from({ length: requests }, call);
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  let next = 0;
  let passed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (next < requests) {
        const { ms, body } = await send(url, calls[next++] as Call);
        times.push(ms);
        if (good(body)) passed++;
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000, good: passed };
}

/** Several runs of one server taken together: percentiles over every request, requests/s over the time they took. */
function pooled(runs: Run[]): Result {
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return { p50: at(0.5), p99: at(0.99), perSecond: times.length / seconds, good: runs.reduce((sum, r) => sum + r.good, 0) };
}

/** Waits (up to 30 s) until this many of the bot's answers have reached their response URLs; how long each took from its request's sending, ms. */
async function answersIn(count: number): Promise<number[]> {
  let { answers } = await arrived();
  for (let i = 0; i < 300 && answers.length < count; i++) {
    await new Promise((r) => setTimeout(r, 20));
    ({ answers } = await arrived());
  }
  return answers.map(([n, at]) => at - (sentAt.get(n) ?? NaN));
}

/** Every `Action.Execute` in a card, wherever it sits. */
function executeActions(node: unknown, found: { verb: string; data: Record<string, unknown> }[] = []): typeof found {
  if (Array.isArray(node)) for (const item of node) executeActions(item, found);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['type'] === 'Action.Execute' && typeof o['verb'] === 'string') found.push({ verb: o['verb'], data: (o['data'] ?? {}) as Record<string, unknown> });
    for (const value of Object.values(o)) executeActions(value, found);
  }
  return found;
}

function inputValue(node: unknown, id: string): string | undefined {
  if (Array.isArray(node)) return node.map((item) => inputValue(item, id)).find((v) => v !== undefined);
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (o['id'] === id && typeof o['value'] === 'string') return o['value'];
  return Object.values(o)
    .map((v) => inputValue(v, id))
    .find((v) => v !== undefined);
}

/** What the AP lead can snooze, found as a person would: `due` in Teams, then each reminder's card. */
async function snoozeTargets(url: string): Promise<Snooze[]> {
  await arrived(true);
  await send(url, teamsMessage('due')());
  let lastTeamsActivity = '';
  // The message is acknowledged first; its due card follows to the connector.
  for (let i = 0; i < 100 && !lastTeamsActivity.includes('showReminder'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    lastTeamsActivity = (await arrived()).lastTeamsActivity;
  }
  const reminders = executeActions(JSON.parse(lastTeamsActivity)).filter((a) => a.verb === 'showReminder');
  const targets: Snooze[] = [];
  for (const reminder of reminders) {
    const { body } = await send(url, teamsAction('showReminder', reminder.data));
    const card = JSON.parse(body) as { value?: unknown };
    const snooze = executeActions(card.value).find((a) => a.verb === 'snoozeNudge');
    const until = inputValue(card.value, 'snoozeNudge.until');
    const input = snooze?.data['input'] as { obligation?: string } | undefined;
    if (snooze && until && input?.obligation) targets.push({ placementId: String(snooze.data['placementId']), obligation: input.obligation, until });
  }
  if (targets.length === 0) throw new Error('The AP lead has nothing to snooze: the bench cannot press a decision.');
  return targets;
}

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const bare = await start('bare frameworks', ['bench/bare/server.js'], { SLACK_SIGNING_SECRET: SECRET });
const dataDir = mkdtempSync(join(tmpdir(), 'apbot-bench-'));
const bot = await start('apbot', [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...START_ARGS], {
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_API_URL: `${standIn}/api/`,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
});
const servers = [bare, bot];
await new Promise((r) => setTimeout(r, IDLE_AFTER_MS));
const idle = servers.map((s) => rssMib(s.child.pid));

const anything = () => true;
/**
 * `answers`: the bot's answer goes to a response URL (Slack) or the connector (a Teams message) after the ack, and is timed there too.
 * `share`: the part of each level's requests sent (decisions: each press adds to a placement's
 * history, and no real placement is snoozed a thousand times).
 */
const scenarios: { what: string; call: () => Call; good: (body: string) => boolean; answers?: boolean; share?: number }[] = [
  { what: 'Slack `/ap help`', call: slashCommand('help'), good: anything, answers: true },
  { what: 'Slack `/ap due`', call: slashCommand('due'), good: anything, answers: true },
  { what: 'Teams `due` message', call: teamsMessage('due'), good: anything, answers: true },
];
const rows: string[] = [];
let snoozedInTeams = 0;
try {
  const targets = await snoozeTargets(bot.url);
  scenarios.push(
    { what: 'Teams `Action.Execute`: snooze a reminder', call: teamsSnooze(targets), good: (body) => body.includes('snoozed the reminder') || body.includes('Done.'), share: 0.5 },
    { what: 'Slack button: snooze a reminder', call: slackSnooze(targets), good: anything, answers: true, share: 0.5 },
  );
  // BENCH_ONLY=due,help runs the scenarios whose name holds one of the words (to profile one path).
  const only = process.env.BENCH_ONLY?.split(',');
  for (const { what, call, good, answers, share } of scenarios.filter((s) => !only || only.some((word) => s.what.includes(word)))) {
    for (const level of LEVELS) {
      const { concurrent, rounds } = level;
      const requests = Math.round(level.requests * (share ?? 1));
      // Warm both up, and let the bot's answers to the warm-up land before anything is timed.
      const warm = Math.min(requests, 50);
      await load(bare.url, call, concurrent, warm, anything);
      await arrived(true);
      await load(bot.url, call, concurrent, warm, anything);
      if (answers) await answersIn(warm);
      await new Promise((r) => setTimeout(r, 200));
      await arrived(true);
      // Bare, bot, bot, bare: drift on the shared machine weighs on both alike. The bot's answers
      // after its acks land before the bare frameworks run again, and count against the bot.
      const bareRuns: Run[] = [];
      const botRuns: Run[] = [];
      let answerTimes: number[] = [];
      // Each server's CPU over its own runs; the bot's until its last answer has landed.
      let bareCpu = 0;
      let botCpu = 0;
      const cpuOver = async (server: Server, work: () => Promise<void>) => {
        const before = cpuMs(server.child.pid);
        await work();
        return cpuMs(server.child.pid) - before;
      };
      const run = async (server: Server, runs: Run[], count: number) => void runs.push(await load(server.url, call, concurrent, count, good));
      const botRequests = () => botRuns.reduce((sum, r) => sum + r.times.length, 0);
      const perServer = Math.ceil(requests / rounds);
      const half = Math.ceil(perServer / 2);
      for (let round = 0; round < rounds; round++) {
        bareCpu += await cpuOver(bare, () => run(bare, bareRuns, half));
        botCpu += await cpuOver(bot, async () => {
          await run(bot, botRuns, half);
          await run(bot, botRuns, perServer - half);
          if (answers) answerTimes = await answersIn(botRequests());
        });
        bareCpu += await cpuOver(bare, () => run(bare, bareRuns, perServer - half));
      }
      let answered = '';
      if (answers) {
        const times = answerTimes.sort((x, y) => x - y);
        const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
        answered = `${at(0.5).toFixed(1)} / ${at(0.99).toFixed(1)}${times.length < botRequests() ? ` (${times.length} of ${botRequests()})` : ''}`;
      }
      const cpuPerRequest = `${((bareCpu / (rounds * perServer)) * 1000).toFixed(0)} / ${((botCpu / (rounds * perServer)) * 1000).toFixed(0)}`;
      const results = [pooled(bareRuns), pooled(botRuns)];
      const [b, a] = results as [Result, Result];
      if (what.startsWith('Teams `Action')) snoozedInTeams += a.good;
      rows.push(
        `| ${what}, ${concurrent} at once | ${b.p50.toFixed(1)} / ${a.p50.toFixed(1)} | ${b.p99.toFixed(1)} / ${a.p99.toFixed(1)} | ${(a.p99 / b.p99).toFixed(2)}× | ${b.perSecond.toFixed(0)} / ${a.perSecond.toFixed(0)} | ${(a.perSecond / b.perSecond).toFixed(2)}× | ${answered} | ${cpuPerRequest} |`,
      );
    }
  }
  await new Promise((r) => setTimeout(r, 2_000)); // the last answers after the acks
  const after = servers.map((s) => rssMib(s.child.pid));
  const { slackDueLists, slackSnoozes, teamsDueCards } = await arrived();
  if (!process.env.BENCH_ONLY && (slackDueLists === 0 || teamsDueCards === 0)) throw new Error('apbot never sent a due list back: the bench measured errors.');
  console.log(`\nOver HTTP, bare frameworks / apbot, Node ${process.version}, ms. Targets: Slack p99 ≤ 1.2× bare and requests/s ≥ 0.8× bare; a Teams decision p99 ≤ 3× bare and < 100 ms at 50 at once.\n`);
  console.log("| request | p50 ms | p99 ms | p99 ratio | requests/s | requests/s ratio | apbot's answer after the ack, p50 / p99 ms | server CPU a request, µs (apbot's answer included) |");
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const row of rows) console.log(row);
  console.log(`| server memory (RSS), idle | ${idle[0]?.toFixed(0)} / ${idle[1]?.toFixed(0)} MiB | | ${((idle[1] ?? 0) / (idle[0] ?? 1)).toFixed(2)}× | | | | |`);
  console.log(`| server memory (RSS), after the load | ${after[0]?.toFixed(0)} / ${after[1]?.toFixed(0)} MiB | | ${((after[1] ?? 0) / (after[0] ?? 1)).toFixed(2)}× | | | | |`);
  // Each snooze pressed is an audit entry in the bot's journal, written before its answer.
  const audited = readFileSync(join(dataDir, 'journal.jsonl'), 'utf8').match(/"action":"snoozeNudge","placementId"/g)?.length ?? 0;
  console.log(
    `\nAfter the acks: ${slackDueLists} Slack due lists and ${slackSnoozes} Slack snoozes reached their response URL; ${teamsDueCards} Teams due cards reached the connector; ${snoozedInTeams} Teams snoozes came back done (${targets.length} reminders snoozed in turn); ${audited} snoozes are in the audit log.`,
  );
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  stand.child.kill('SIGTERM');
  agent.destroy();
}
