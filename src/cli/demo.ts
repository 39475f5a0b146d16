import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageFile } from '../packageFiles.ts';

/**
 * `npm run demo`: the bot (as `npm start` runs it) and Microsoft's Agents Playground pointed at it,
 * together, until Ctrl-C. The helpers are exported for the end-to-end tests, which start the same
 * two processes the same way.
 */

const ROOT = packageFile('.');
const PLAYGROUND_CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');

export interface Child {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function captured(child: ChildProcess, echo?: (text: string) => void): Child {
  let text = '';
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    echo?.(chunk.toString());
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return { process: child, output: () => text };
}

let built = false;

/** What `npm start` hands to Node (package.json's `start` after `node`): the compiled bot. */
export const START_ARGS: readonly string[] = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ').slice(1);

/**
 * `npm start` as a child process with this environment: the bot compiled once per run (as
 * `prestart` does), then run as `npm start` runs it, by Node itself, so a signal reaches the bot, not npm.
 */
export function spawnBot(env: NodeJS.ProcessEnv, echo?: (text: string) => void): Child {
  if (!built) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    built = true;
  }
  const child = spawn(process.execPath, [...START_ARGS], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return captured(child, echo);
}

/** Polls `GET /readyz` until it answers 200; fails early if the process exits first. */
export async function waitForReady(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) throw new Error(`The bot exited before it was ready:\n${child.output()}`);
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The bot was not ready within ${timeoutMs / 1000} s:\n${child.output()}`);
}

/**
 * Agents Playground (offline, Teams channel, no telemetry, no browser opened) talking to `endpoint`.
 * It falls back to a random port when `port` is taken, so the URL is read from what it prints.
 */
export async function spawnPlayground(options: { endpoint: string; port: number; logFile?: string; echo?: (text: string) => void; timeoutMs?: number }): Promise<Child & { url: string }> {
  const child = spawn(process.execPath, [PLAYGROUND_CLI, '-e', options.endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(options.port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile ?? join(tmpdir(), 'apbot-playground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = captured(child, options.echo);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Agents Playground did not start within ${timeoutMs / 1000} s:\n${running.output()}`)), timeoutMs);
    const look = () => {
      const match = /Listening on (\d+)/.exec(running.output());
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        done(Number(match[1]));
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Agents Playground exited (${code}) before it started:\n${running.output()}`));
    });
  });
  return { ...running, url: `http://localhost:${port}` };
}

/** Asks a child to stop (SIGTERM), then insists (SIGKILL) after `graceMs`. Resolves once it has gone. */
export async function stopChild(child: Child | undefined, graceMs = 5_000): Promise<void> {
  const proc = child?.process;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((done) => proc.once('exit', () => done()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const botPort = Number(process.env.PORT ?? 3978);
  const host = process.env.HOST ?? '127.0.0.1';
  const botUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${botPort}`;
  const logFile = join(tmpdir(), 'apbot-playground.log');
  let bot: Child | undefined;
  let playground: Child | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping the Playground and the bot…');
    await Promise.all([stopChild(playground), stopChild(bot, 12_000)]);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    say(`Starting the bot on ${botUrl} …`);
    bot = spawnBot({ ...process.env, PORT: String(botPort) }, (text) => process.stdout.write(text));
    bot.process.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`The bot stopped (exit code ${code}).\n`);
      void stop(1);
    });
    await waitForReady(botUrl, bot);

    say('Starting Microsoft 365 Agents Playground …');
    const started = await spawnPlayground({ endpoint: `${botUrl}/api/messages`, port: Number(process.env.PLAYGROUND_PORT ?? 56150), logFile });
    playground = started;
    started.process.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`Agents Playground stopped (exit code ${code}); its log is ${logFile}.\n`);
      void stop(1);
    });
    say('');
    say(`  ▶ Open ${started.url} in your browser to chat with the bot as the demo AP lead (Ms R Okafor).`);
    say('    Try: help · due · status Y9-0412 · demo as headteacher');
    say('    Ctrl-C stops both.');
    say('');
  } catch (error) {
    process.stderr.write(`npm run demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
