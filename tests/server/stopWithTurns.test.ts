import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { startBot } from '../../src/server.ts';
import { aMessage, isolateNetwork, resetNetwork, SERVICE_URL } from '../channels/teams/teamsHarness.ts';

beforeEach(() => isolateNetwork());
afterEach(() => resetNetwork());

it('lets a Teams answer already acknowledged reach the chat before the bot stops and closes its store', async () => {
  const bot = await startBot(readEnv({ PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'apbot-stop-')), LOG_LEVEL: 'silent' }), () => {});
  const message = aMessage('help');
  const replies: string[] = [];
  // The connector takes its time: the answer is still on its way when the stop begins.
  nock(SERVICE_URL.replace(/\/uk\/$/, ''))
    .persist()
    .post(/\/uk\/v3\/conversations\/[^/]+\/activities/)
    .reply(async (path, body) => {
      if (!path.endsWith(`/activities/${String(message['id'])}`)) return [200, { id: 'nudge' }];
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      replies.push(JSON.stringify(body));
      return [200, { id: 'reply' }];
    });
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  expect(response.status).toBe(200);
  await bot.stop();
  expect(replies).toEqual([expect.stringContaining('Here is what I can do')]);
});
