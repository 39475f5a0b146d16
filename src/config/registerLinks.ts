import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env.ts';

/**
 * The secret that signs register links: LINK_SECRET, or (for the demo and a single embedded bot) one
 * generated on first use and kept in DATA_DIR, readable by its owner only, so `ap link` and the bot agree.
 */
export function linkSecret(env: Env): string {
  if (env.LINK_SECRET) return env.LINK_SECRET;
  const file = join(env.DATA_DIR, 'link-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(env.DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return readFileSync(file, 'utf8').trim();
    }
  }
}

/** Where staff open the bot's pages: PUBLIC_URL, else where it listens. */
export function publicUrl(env: Env, port: number = env.PORT): string {
  return env.PUBLIC_URL ?? `http://${env.HOST}:${port}`;
}

/**
 * Single sign-on from the Teams tab, once the bot has a Microsoft app id and a public address: the
 * app registration exposes `api://<public host>/<app id>` (README, "Teams single sign-on").
 */
export function teamsSsoOf(env: Env): { appId: string; resource: string } | undefined {
  if (!env.MicrosoftAppId || !env.PUBLIC_URL) return undefined;
  return { appId: env.MicrosoftAppId, resource: `api://${new URL(env.PUBLIC_URL).host}/${env.MicrosoftAppId}` };
}
