import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';

const worker = (dataDir: string, sink: string, at: string) =>
  spawn('node', ['--import', 'tsx', 'tests/nudges/fixtures/deliveryWorker.ts', dataDir, sink, at], { stdio: ['ignore', 'pipe', 'pipe'] });

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('a crash in the middle of delivery', () => {
  it('loses no nudge and sends none twice once the bot is started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apbot-crash-'));
    const dataDir = join(dir, 'data');
    const sink = join(dir, 'delivered.txt');

    const first = worker(dataDir, sink, '2026-02-09T09:00:00Z');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (lines(sink).length >= 8) {
          clearInterval(timer);
          first.kill('SIGKILL');
          resolve();
        }
      }, 5);
      first.on('exit', (code) => {
        clearInterval(timer);
        if (code !== null) reject(new Error(`the worker finished (${code}) before it could be killed; make its sends slower`));
      });
    });
    await new Promise((resolve) => first.on('close', resolve));
    const beforeRestart = lines(sink).length;
    const queued = Number(lines(`${sink}.queued`)[0]);
    expect(beforeRestart).toBeLessThan(queued);

    // Started again after the dead process's claims have run out.
    const second = worker(dataDir, sink, '2026-02-09T09:10:00Z');
    let stdout = '';
    second.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => second.on('close', resolve));
    expect(stdout.trim()).toBe('done');

    const delivered = lines(sink);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.length).toBe(queued);
    const stores = await openJournalStores({ dataDir });
    const outbox = await stores.outbox.list('oakfield');
    await stores.close();
    expect(outbox.every((e) => e.status === 'sent')).toBe(true);
    expect(new Set(outbox.map((e) => e.dedupeKey))).toEqual(new Set(delivered));
  }, 60_000);
});
