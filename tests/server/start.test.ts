import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, symlinkSync, unlinkSync } from 'node:fs';
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

  describe('/readyz', () => {
    const readiness = async () => {
      const response = await fetch(`${bot!.url}/readyz`);
      return { status: response.status, body: (await response.json()) as unknown };
    };

    it('is 503 while the store cannot write because the disk is full, and 200 again once it can', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'apbot-start-'));
      bot = await startBot(readEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), () => {});
      expect(await readiness()).toEqual({ status: 200, body: { status: 'ready' } });
      // The kernel's always-full device: every write to it fails with ENOSPC, as on a full disk.
      symlinkSync('/dev/full', join(dataDir, 'write-probe'));
      expect(await readiness()).toEqual({ status: 503, body: { status: 'store cannot write' } });
      unlinkSync(join(dataDir, 'write-probe'));
      expect(await readiness()).toEqual({ status: 200, body: { status: 'ready' } });
      expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'up' });
    });

    it('is 503 while the data directory cannot be written to, and 200 again once it can', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'apbot-start-'));
      bot = await startBot(readEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), () => {});
      // Root writes through any mode, so as root the directory is made immutable instead.
      const asRoot = process.getuid?.() === 0;
      const lock = () => (asRoot ? execFileSync('chattr', ['+i', dataDir]) : chmodSync(dataDir, 0o500));
      const unlock = () => (asRoot ? execFileSync('chattr', ['-i', dataDir]) : chmodSync(dataDir, 0o700));
      lock();
      try {
        expect(await readiness()).toEqual({ status: 503, body: { status: 'store cannot write' } });
      } finally {
        unlock();
      }
      expect(await readiness()).toEqual({ status: 200, body: { status: 'ready' } });
    });
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
