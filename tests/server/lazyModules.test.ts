import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What a bot at rest never needs: the MongoDB stack on the embedded store, PDFs, charts, calendars,
 * a browser, card templating before any card. (csv-parse, 0.3 MiB, comes with the chat import.)
 */
const HEAVY = ['mongoose', 'mongodb', '@agendajs/mongo-backend', 'adaptivecards-templating', 'adaptive-expressions', 'pdfkit', 'vega', 'vega-lite', 'ical.js', 'playwright-core'];

const packageOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];

/**
 * Starts the bot in a fresh Node process (embedded store, Teams and Slack on, as in the demo) and
 * returns every package it loaded, ES modules and CommonJS alike, once it is ready and idle.
 */
function packagesLoadedAtRest(): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'apbot-lazy-'));
  const seen = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(seen)}, r.url + '\\n'); return r; }\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const server = pathToFileURL(join(process.cwd(), 'src/server.ts')).href;
  const env = pathToFileURL(join(process.cwd(), 'src/config/env.ts')).href;
  const script = `
    import { createRequire } from 'node:module';
    import { appendFileSync } from 'node:fs';
    const { startBot } = await import(${JSON.stringify(server)});
    const { readEnv } = await import(${JSON.stringify(env)});
    const bot = await startBot(readEnv({ PORT: '0', DATA_DIR: ${JSON.stringify(join(dir, 'data'))}, LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: 'lazy', SLACK_BOT_TOKEN: 'xoxb-lazy', SLACK_API_URL: 'http://127.0.0.1:9/api/' }), () => {});
    appendFileSync(${JSON.stringify(seen)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n');
    await bot.stop();
    process.exit(0);
  `;
  execFileSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(register).href, '--input-type=module', '-e', script], { stdio: 'pipe', timeout: 60_000 });
  return new Set(readFileSync(seen, 'utf8').split('\n').flatMap((line) => packageOf(line) ?? []));
}

describe('a bot at rest', () => {
  it('has loaded its chat frameworks but none of the heavy modules only some requests need', { timeout: 90_000 }, () => {
    const loaded = packagesLoadedAtRest();
    expect(loaded).toContain('@slack/bolt');
    expect(loaded).toContain('botbuilder');
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
  });
});
