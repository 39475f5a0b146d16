import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filledManifest, placeholderValues } from '../../src/adapters/teams/packageApp.ts';
import { readEnv } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/server.ts';

let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe("the pages the Teams manifest links to", () => {
  it('are served by the bot at the paths the manifest names: website, privacy notice and terms of use', async () => {
    bot = await startBot(readEnv({ PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'apbot-about-')), LOG_LEVEL: 'silent' }), () => {});
    const manifest = filledManifest(placeholderValues({ BOT_DOMAIN: 'apbot.example.sch.uk', MicrosoftAppId: 'app-id' })) as { developer: Record<string, string> };
    const pages = { websiteUrl: 'apbot', privacyUrl: 'Privacy notice', termsOfUseUrl: 'Terms of use' };
    for (const [field, title] of Object.entries(pages)) {
      const url = new URL(manifest.developer[field] as string);
      expect(url.host).toBe('apbot.example.sch.uk');
      const response = await fetch(`${bot.url}${url.pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain('run by Oakfield Academy');
    }
    expect(await (await fetch(`${bot.url}/privacy`)).text()).toContain('never their name');
    expect((await fetch(`${bot.url}/privacy`, { method: 'POST' })).status).toBe(405);
  });
});
