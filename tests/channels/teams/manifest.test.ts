import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../../src/app/commands.ts';
import { filledManifest, placeholderValues, teamsAppPackage } from '../../../src/adapters/teams/packageApp.ts';

const ENV = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', BOT_DOMAIN: 'apbot.example.sch.uk' };
const ROOT = new URL('../../../', import.meta.url);

type Manifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0] & { bots: { botId: string; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[]; validDomains: string[] };

describe('the Teams app manifest', () => {
  it("validates against Microsoft's schema once its placeholders are filled", async () => {
    const manifest = filledManifest(placeholderValues(ENV)) as Manifest;
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    expect(manifest.$schema).toMatch(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/);
    expect(manifest.bots[0]?.botId).toBe(ENV.MicrosoftAppId);
    expect(manifest.validDomains).toEqual(['apbot.example.sch.uk']);
  });

  it('lists the commands the bot answers where it answers them, and only those', () => {
    const manifest = filledManifest(placeholderValues(ENV)) as Manifest;
    const titlesIn = (scope: string) => manifest.bots[0]?.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title);
    const all = COMMAND_HELP.map((c) => c.usage.replace(/\s*[<[].*$/, ''));
    // A personal chat answers everything but `post here`; a team channel only `post here` and `help`.
    expect(titlesIn('personal')).toEqual(all.filter((c) => c !== 'post here'));
    expect(titlesIn('team')).toEqual(['post here', 'help']);
    expect(titlesIn('groupChat')).toEqual(['help']);
  });

  it('takes files in the 1:1 chat, where a spreadsheet of placements is sent', () => {
    const manifest = filledManifest(placeholderValues(ENV)) as Manifest & { bots: { supportsFiles: boolean }[] };
    expect(manifest.bots[0]?.supportsFiles).toBe(true);
  });

  it('has a personal tab that opens the register page on the bot\'s own domain', () => {
    const manifest = filledManifest(placeholderValues(ENV)) as Manifest & { staticTabs: { entityId: string; contentUrl: string; scopes: string[] }[] };
    expect(manifest.staticTabs).toEqual([expect.objectContaining({ entityId: 'register', contentUrl: 'https://apbot.example.sch.uk/register/tab', scopes: ['personal'] })]);
  });

  it("signs the personal tab on with the bot's own Entra app, whose API is exposed on the bot's domain", () => {
    const manifest = filledManifest(placeholderValues(ENV)) as Manifest & { webApplicationInfo: { id: string; resource: string } };
    expect(manifest.webApplicationInfo).toEqual({ id: ENV.MicrosoftAppId, resource: `api://apbot.example.sch.uk/${ENV.MicrosoftAppId}` });
  });

  it('keeps its placeholders in the committed file', () => {
    const template = readFileSync(new URL('manifests/teams/manifest.json', ROOT), 'utf8');
    for (const name of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN', 'APP_VERSION']) expect(template).toContain(`{{${name}}}`);
  });

  it('refuses to fill it without the bot id or its domain, saying which', () => {
    expect(() => placeholderValues({ MicrosoftAppId: ENV.MicrosoftAppId })).toThrow(/BOT_DOMAIN: set it to the public host name/);
    expect(() => placeholderValues({ BOT_DOMAIN: ENV.BOT_DOMAIN })).toThrow(/BOT_ID: set BOT_ID or MicrosoftAppId/);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon', () => {
    const size = (file: string) => {
      const png = readFileSync(new URL(`manifests/teams/${file}`, ROOT));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('color.png')).toEqual([192, 192]);
    expect(size('outline.png')).toEqual([32, 32]);
  });
});

describe('npm run teams:package', () => {
  it('zips the filled manifest and the icons', () => {
    const files = unzipSync(teamsAppPackage(placeholderValues(ENV)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json']))).toMatchObject({ id: ENV.MicrosoftAppId, bots: [{ botId: ENV.MicrosoftAppId }] });
  });

  it('writes an installable zip from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apbot-teams-'));
    try {
      const out = join(dir, 'app.zip');
      const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/adapters/teams/packageApp.ts'], { cwd: ROOT, env: { ...process.env, ...ENV, TEAMS_PACKAGE_OUT: out } });
      expect(stdout).toContain(`Wrote ${out}`);
      expect(Object.keys(unzipSync(readFileSync(out))).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
