import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; volumes?: string[]; ports?: string[]; expose?: string[] }>;
};
const caddyfile = readFileSync(new URL('../../deploy/Caddyfile', import.meta.url), 'utf8');

describe('the compose deployment a technician follows', () => {
  const { apbot, caddy } = compose.services;

  it('mounts the school files where SCHOOLS_DIR points, and keeps data in a named volume', () => {
    expect(apbot?.environment).toMatchObject({ SCHOOLS_DIR: '/schools', DATA_DIR: '/data', STORE: 'mongo', HOST: '0.0.0.0' });
    expect(apbot?.volumes).toEqual(expect.arrayContaining(['./schools:/schools', 'apbot-data:/data']));
  });

  it('publishes only Caddy, which serves HTTPS for BOT_DOMAIN and passes everything to the bot', () => {
    expect(apbot?.ports).toBeUndefined();
    expect(apbot?.expose).toEqual(['3978']);
    expect(caddy?.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect(caddy?.environment?.BOT_DOMAIN).toMatch(/^\$\{BOT_DOMAIN:\?/);
    expect(caddy?.volumes).toEqual(expect.arrayContaining(['./deploy/Caddyfile:/etc/caddy/Caddyfile:ro', 'caddy-data:/data']));
    expect(caddyfile).toMatch(/^\{\$BOT_DOMAIN\} \{\n[\s\S]*\treverse_proxy apbot:3978\n\}/m);
  });
});
