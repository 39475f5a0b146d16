import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { deliver } from './app/deliver.ts';
import { morningDigest } from './app/morningDigest.ts';
import { queueTeamOverview } from './app/apTeamChannel.ts';
import { sweep } from './app/sweep.ts';
import { consoleNudgeChannel } from './adapters/console/consoleNudgeChannel.ts';
import { createSlack } from './adapters/slack/index.ts';
import { createTeams } from './adapters/teams/index.ts';
import { ackGate } from './adapters/ackFirst.ts';
import { aboutPages } from './adapters/web/aboutPages.ts';
import { createWeb } from './adapters/web/index.ts';
import { createScheduler } from './adapters/scheduler/createScheduler.ts';
import { scheduleJobs } from './adapters/scheduler/jobs.ts';
import { isDemo, type Env } from './config/env.ts';
import { linkSecret, publicUrl, teamsSsoOf } from './config/registerLinks.ts';
import { LINK_LIFETIME_MS, registerUrl } from './app/signedLinks.ts';
import { DEFAULT_DEMO_NOW, demoClock, systemClock } from './config/schools.ts';
import { isAppError } from './core/errors.ts';
import type { School } from './core/policy/schoolConfig.ts';
import { createLogger } from './logger.ts';
import { openStores } from './openStores.ts';
import type { NudgeChannel } from './ports/nudgeChannel.ts';
import type { ChatAdapter, RequestHandler } from './ports/chatAdapter.ts';
import { prepareSchools } from './startup.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface RunningBot {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Wires the stores, schools, chat adapters, scheduler and HTTP server together and starts them. */
export async function startBot(env: Env, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<RunningBot> {
  const log = createLogger(env.LOG_LEVEL);
  const demo = isDemo(env);
  // Teams without credentials is for the demo in the Agents Playground only, and only on loopback.
  const teamsOn = env.MicrosoftAppId !== undefined || demo;
  if (!env.MicrosoftAppId && demo && !LOOPBACK.has(env.HOST))
    throw new Error(`Teams runs without authentication when MicrosoftAppId is unset, so it only listens on 127.0.0.1; set MicrosoftAppId (and its password) to bind ${env.HOST}.`);

  const clock = demo ? demoClock(env.DEMO_NOW ?? DEFAULT_DEMO_NOW) : systemClock;
  const stores = await openStores(env, (message) => log.warn({}, message));
  const schools = await prepareSchools(env, stores, clock.now());
  let ready = false;

  const secret = linkSecret(env);
  // The port is known once the server listens (PORT=0 in tests): links read it when made.
  let baseUrl = publicUrl(env);
  const registerLink = (schoolId: string, staffId: string) => {
    const issued = systemClock.now();
    return { url: registerUrl(baseUrl, secret, staffId, schoolId, issued), expiresAt: new Date(issued.getTime() + LINK_LIFETIME_MS) };
  };
  // Acks first: answers worked out after an ack wait until no request is waiting for its own.
  const gate = ackGate();
  const deps = { stores, schools, clock, log, demo, registerLink, afterAcks: gate.afterAcks };
  const adapters: ChatAdapter[] = [];
  if (teamsOn)
    adapters.push(
      createTeams({
        ...deps,
        // Without an app id botbuilder runs unauthenticated, which it allows only for a multi-tenant app.
        teams: { appId: env.MicrosoftAppId, appPassword: env.MicrosoftAppPassword, tenantId: env.MicrosoftAppTenantId, appType: env.MicrosoftAppId ? env.MicrosoftAppType : 'MultiTenant' },
      }),
    );
  if (env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN)
    adapters.push(createSlack({ ...deps, slack: { signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL } }));
  // In the demo, nudges for people not in a chat show on the console; in production they wait until the person opens the bot.
  const channels: NudgeChannel[] = [...adapters.map((a) => a.channel), ...(demo ? [consoleNudgeChannel((line) => log.info({}, line))] : [])];
  const web = createWeb({ ...deps, linkClock: systemClock, secret, teamsBotId: env.MicrosoftAppId, teamsSso: teamsSsoOf(env) });
  const routes: Record<string, RequestHandler> = Object.assign(aboutPages(schools), web, ...adapters.map((a) => a.routes));

  // Ready means a decision pressed now would be kept: started, and the store can write.
  const readiness = async (): Promise<{ status: string; code: number }> => {
    if (!ready) return { status: 'starting', code: 503 };
    const writable = await stores.canWrite().catch(() => false);
    return writable ? { status: 'ready', code: 200 } : { status: 'store cannot write', code: 503 };
  };
  const server = createServer((req, res) => {
    gate.track(res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up"}');
    if (req.method === 'GET' && path === '/readyz') return void readiness().then(({ status, code }) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ status })));
    const handler = routes[path];
    if (!handler) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    // Thrown at once or later, a handler's error is this request's 500, never the process's end.
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        log.error({ incident: randomUUID().slice(0, 8), error: error instanceof Error ? error.name : typeof error, path }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
  });

  const agenda = await createScheduler(stores.scheduler);
  // One school's failure is logged and never stops the others.
  const eachSchool = (work: (school: School) => Promise<unknown>) => async () => {
    for (const school of schools) {
      try {
        await work(school);
      } catch (error) {
        log.error({ err: isAppError(error) ? error.code : String(error), school: school.id }, 'job failed');
      }
    }
  };
  await scheduleJobs(
    agenda,
    {
      sweep: eachSchool((school) => sweep(stores, school, clock.now())),
      deliver: async () => void (await deliver(stores.outbox, schools, channels, () => clock.now())),
      digest: async () => {
        await eachSchool((school) => morningDigest(stores, school, clock.now()))();
        await eachSchool((school) => queueTeamOverview(stores, school, clock.now()))();
      },
    },
    {
      sweepEvery: 5 * 60_000,
      deliverEvery: 20_000,
      digestAt: '07:45',
      cutoffsAt: [...new Set(schools.flatMap((s) => [s.config.policy.attendanceCutoff.am, s.config.policy.attendanceCutoff.pm]))],
      timezone: schools[0]?.config.school.timezone ?? 'Europe/London',
    },
  );
  for (const adapter of adapters) await adapter.start?.();

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}`;
  baseUrl = publicUrl(env, port);
  ready = true;

  print(`apbot is running at ${url} (${demo ? 'demo' : 'production'} mode)`);
  print(`  store: ${stores.description}; schools: ${schools.map((s) => s.config.school.name).join(', ')}`);
  print(`  register: ${baseUrl}/register (open it from chat with "register", or npx ap link register --as <staff id>)`);
  print(
    teamsOn
      ? `  Teams endpoint: ${url}/api/messages${env.MicrosoftAppId ? '' : ' (no authentication: demo, local only)'}`
      : '  Teams: off (set MicrosoftAppId and MicrosoftAppPassword to turn it on)',
  );
  print(`  Slack: ${env.SLACK_BOT_TOKEN ? (env.SLACK_APP_TOKEN ? 'on (Socket Mode)' : `on at ${url}/slack/events`) : 'off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on)'}`);
  if (demo) print(`  demo clock: ${clock.now().toISOString()}; try it: npm run demo, or npx ap due --school examples/school.yaml --placements examples/placements.json --at ${env.DEMO_NOW ?? DEFAULT_DEMO_NOW}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let a delivery under way finish its current sends; what it had claimed but not sent returns when its lease runs out.
      await agenda.drain(10_000);
      await agenda.stop();
      for (const adapter of adapters) await adapter.stop?.();
      // A turn acknowledged but still running finishes its replies before its stores close.
      for (const adapter of adapters) await adapter.settled?.();
      await stores.close();
    })());
  return { server, url, stop };
}
