import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { packageFile } from '../../packageFiles.ts';

const MANIFEST_DIR = packageFile('manifests/teams/');
const ICONS = ['color.png', 'outline.png'] as const;

const https = z.url({ protocol: /^https$/, message: 'must be an https:// address' });

/** What fills the manifest's `{{PLACEHOLDERS}}`, from the environment. */
const packageEnv = z
  .object({
    MicrosoftAppId: z.string().min(1).optional(),
    BOT_ID: z.string().min(1).optional(),
    TEAMS_APP_ID: z.string().min(1).optional(),
    BOT_DOMAIN: z
      .string({ error: 'set it to the public host name of the bot, e.g. apbot.example.sch.uk' })
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, { message: 'is the public host name of the bot, e.g. apbot.example.sch.uk' }),
    APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'must look like 1.0.0' }).optional(),
    DEVELOPER_NAME: z.string().min(1).max(32).default('apbot'),
    WEBSITE_URL: https.optional(),
    PRIVACY_URL: https.optional(),
    TERMS_URL: https.optional(),
  })
  .refine((env) => env.BOT_ID ?? env.MicrosoftAppId, { path: ['BOT_ID'], message: 'set BOT_ID or MicrosoftAppId to the Azure Bot app id' });

/** The placeholder values from the environment, with the defaults filled in; throws naming what is missing. */
export function placeholderValues(env: Record<string, string | undefined>): Record<string, string> {
  const parsed = packageEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Cannot build the Teams package:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  const botId = e.BOT_ID ?? e.MicrosoftAppId ?? '';
  const website = e.WEBSITE_URL ?? `https://${e.BOT_DOMAIN}/`;
  const version = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
  return {
    BOT_ID: botId,
    TEAMS_APP_ID: e.TEAMS_APP_ID ?? botId,
    BOT_DOMAIN: e.BOT_DOMAIN,
    APP_VERSION: e.APP_VERSION ?? version,
    DEVELOPER_NAME: e.DEVELOPER_NAME,
    WEBSITE_URL: website,
    PRIVACY_URL: e.PRIVACY_URL ?? new URL('privacy', website).href,
    TERMS_URL: e.TERMS_URL ?? new URL('terms', website).href,
  };
}

/** The manifest with every `{{NAME}}` replaced; a placeholder without a value is an error, not a blank. */
export function filledManifest(values: Record<string, string>): Record<string, unknown> {
  const template = readFileSync(`${MANIFEST_DIR}manifest.json`, 'utf8');
  const missing = new Set<string>();
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) missing.add(name);
    return JSON.stringify(value ?? '').slice(1, -1);
  });
  if (missing.size > 0) throw new Error(`The Teams manifest needs values for ${[...missing].join(', ')}.`);
  return JSON.parse(filled) as Record<string, unknown>;
}

/** The installable app package: the filled manifest and its two icons, zipped flat. */
export function teamsAppPackage(values: Record<string, string>): Uint8Array {
  const manifest = filledManifest(values);
  const files: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const icon of ICONS) files[icon] = readFileSync(`${MANIFEST_DIR}${icon}`);
  return zipSync(files, { level: 9 });
}

// `npm run teams:package`: writes build/teams/apbot-teams.zip (or TEAMS_PACKAGE_OUT) for upload to Teams.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const out = resolve(process.env.TEAMS_PACKAGE_OUT ?? 'build/teams/apbot-teams.zip');
    const values = placeholderValues(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, teamsAppPackage(values));
    process.stdout.write(`Wrote ${out} (bot ${values.BOT_ID}, ${values.BOT_DOMAIN}, version ${values.APP_VERSION}). Upload it in Teams: Apps > Manage your apps > Upload an app.\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
