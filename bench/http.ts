// `npm run bench:http`: the bot and a bare Bolt app (whose handler only acks) answer the same
// signed Slack requests in one run on this machine: p50, p99, requests/s and server memory at 1 and
// 50 at once, and the ratios. The bot runs as `npm start` runs it (compiled), in demo mode, with
// Slack pointed at a local stand-in for Slack's Web API and response URLs.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, request, Agent } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../src/cli/demo.ts';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0DEMO0001';
const AP_LEAD = 'U0DEMOAPLD';
const LEVELS = [
  { concurrent: 1, requests: 200 },
  { concurrent: 50, requests: 1_000 },
];

// Slack's Web API and every response URL, answered at once.
const slackPort = await freePort();
const answered = { lists: 0 };
const slack = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    // A due list, not an error, is what the bot must send back for `/ap due`.
    if (req.url === '/respond' && body.includes('Y9-0412')) answered.lists++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: TEAM, channel: 'D0BENCH', ts: '1.1' }));
  });
});
await new Promise<void>((done) => slack.listen(slackPort, '127.0.0.1', done));

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

const rssMib = (pid: number | undefined) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function slashCommand(text: string): string {
  return new URLSearchParams({
    token: 'unused',
    team_id: TEAM,
    team_domain: 'oakfield',
    channel_id: 'D0BENCH',
    channel_name: 'directmessage',
    user_id: AP_LEAD,
    user_name: 'r.okafor',
    command: '/ap',
    text,
    api_app_id: 'A0BENCH',
    response_url: `http://127.0.0.1:${slackPort}/respond`,
    trigger_id: '1.2.3',
  }).toString();
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string): Promise<number> {
  const at = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${at}:${body}`).digest('hex')}`;
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request(`${url}/slack/events`, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? done(performance.now() - started) : fail(new Error(`${url}: HTTP ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(body);
  });
}

interface Result {
  p50: number;
  p99: number;
  perSecond: number;
}

async function load(url: string, body: string, concurrent: number, requests: number): Promise<Result> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (next++ < requests) times.push(await post(url, body));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p99: at(0.99), perSecond: times.length / seconds };
}

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const servers = [
  await start('bare Bolt', ['bench/bare/slack.js'], { SLACK_SIGNING_SECRET: SECRET }),
  await start('apbot', ['dist/main.js'], {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'apbot-bench-')),
    LOG_LEVEL: 'warn',
  }),
];
const idle = servers.map((s) => rssMib(s.child.pid));

const scenarios = [
  { what: '`/ap help`', body: slashCommand('help') },
  { what: '`/ap due` as the demo AP lead', body: slashCommand('due') },
];
const rows: string[] = [];
try {
  for (const { what, body } of scenarios) {
    for (const { concurrent, requests } of LEVELS) {
      const results: Result[] = [];
      for (const server of servers) {
        await load(server.url, body, concurrent, Math.min(requests, 50)); // warm up
        results.push(await load(server.url, body, concurrent, requests));
      }
      const [b, a] = results as [Result, Result];
      rows.push(
        `| ${what}, ${concurrent} at once | ${b.p50.toFixed(1)} / ${a.p50.toFixed(1)} | ${b.p99.toFixed(1)} / ${a.p99.toFixed(1)} | ${(a.p99 / b.p99).toFixed(2)}× | ${b.perSecond.toFixed(0)} / ${a.perSecond.toFixed(0)} | ${(a.perSecond / b.perSecond).toFixed(2)}× |`,
      );
    }
  }
  const after = servers.map((s) => rssMib(s.child.pid));
  if (answered.lists === 0) throw new Error('apbot never sent a due list back: the bench measured errors.');
  console.log(`\nSlack acks over HTTP, bare Bolt / apbot, Node ${process.version} (ms; targets: p99 ≤ 1.2× bare, requests/s ≥ 0.8× bare)\n`);
  console.log('| request | p50 ms | p99 ms | p99 ratio | requests/s | requests/s ratio |');
  console.log('|---|--:|--:|--:|--:|--:|');
  for (const row of rows) console.log(row);
  console.log(`| server memory (RSS), idle | ${idle[0]?.toFixed(0)} / ${idle[1]?.toFixed(0)} MiB | | ${((idle[1] ?? 0) / (idle[0] ?? 1)).toFixed(2)}× | | |`);
  console.log(`| server memory (RSS), after the load | ${after[0]?.toFixed(0)} / ${after[1]?.toFixed(0)} MiB | | ${((after[1] ?? 0) / (after[0] ?? 1)).toFixed(2)}× | | |`);
  console.log(`\n(${answered.lists} due lists reached their response URL after the acks.)`);
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  slack.close();
  agent.destroy();
}
