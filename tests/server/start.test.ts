import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/server.ts';

let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('starting the bot', () => {
  it('serves the demo with no settings: up, ready, the example school loaded', async () => {
    const lines: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'apbot-start-'));
    bot = await startBot(readEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), (line) => lines.push(line));
    expect(lines[0]).toMatch(/^apbot is running at http:\/\/127\.0\.0\.1:\d+ \(demo mode\)$/);
    expect(lines.join('\n')).toContain('schools: Oakfield Academy');
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'up' });
    expect(await (await fetch(`${bot.url}/readyz`)).json()).toEqual({ status: 'ready' });
    expect((await fetch(`${bot.url}/nowhere`)).status).toBe(404);
  });

  it('refuses to listen beyond loopback while Teams has no app id', async () => {
    await expect(startBot(readEnv({ HOST: '0.0.0.0', PORT: '0', LOG_LEVEL: 'silent' }), () => {})).rejects.toThrow(/only listens on 127\.0\.0\.1/);
  });

  it('keeps Teams off in production without app credentials, and says so', async () => {
    const lines: string[] = [];
    const schoolsDir = mkdtempSync(join(tmpdir(), 'apbot-schools-'));
    copyFileSync('examples/school.yaml', join(schoolsDir, 'oakfield.yaml'));
    const dataDir = mkdtempSync(join(tmpdir(), 'apbot-start-'));
    bot = await startBot(readEnv({ PORT: '0', SCHOOLS_DIR: schoolsDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), (line) => lines.push(line));
    expect(lines).toContain('  Teams: off (set MicrosoftAppId and MicrosoftAppPassword to turn it on)');
    const unauthenticated = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', channelId: 'msteams', text: 'due' }) });
    expect(unauthenticated.status).toBe(404);
  });

  it('exits with one clear line when MongoDB cannot be reached', async () => {
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, STORE: 'mongo', MONGODB_URI: 'mongodb://127.0.0.1:1/apbot', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^apbot cannot start: Cannot connect to MongoDB at mongodb:\/\/127\.0\.0\.1:1\/apbot/)]);
  });

  it('exits with code 2 and the problem named when a setting is invalid', async () => {
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/PORT: Invalid input/);
  });
});
