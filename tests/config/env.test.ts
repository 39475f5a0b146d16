import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';

describe('the environment', () => {
  it('accepts .env.example as it ships, and defaults to the embedded store', () => {
    const lines = readFileSync('.env.example', 'utf8').split('\n').filter((l) => /^[A-Za-z_]+=/.test(l));
    const env = readEnv(Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
    expect(env).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', STORE: 'memory', DATA_DIR: './data', DEMO_NOW: '2026-02-09T08:00:00Z' });
  });

  it('chooses MongoDB when a URI is given', () => {
    expect(readEnv({ MONGODB_URI: 'mongodb://db:27017/apbot' }).STORE).toBe('mongo');
  });

  it('lists every invalid value with its name', () => {
    expect(() =>
      readEnv({ PORT: 'eighty', STORE: 'postgres', DEMO_NOW: 'Monday', SLACK_BOT_TOKEN: 'xoxb-1', MicrosoftAppId: 'abc' }),
    ).toThrowError(/PORT: .*\n\s+DEMO_NOW: is not an ISO instant.*\n\s+STORE: Invalid option/s);
  });

  it.each([
    [{ STORE: 'mongo' }, /MONGODB_URI: is needed when STORE=mongo/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET: Slack needs both/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' }, /MicrosoftAppTenantId: is needed for a SingleTenant app/],
    [{ SCHOOLS_DIR: '/srv/schools', DEMO_NOW: '2026-02-09T08:00:00Z' }, /DEMO_NOW: is for the demo only/],
  ])('refuses settings that do not fit together: %o', (env, message) => {
    expect(() => readEnv(env)).toThrowError(message);
  });
});
