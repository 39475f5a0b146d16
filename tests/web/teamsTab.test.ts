import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { teamsSsoOf } from '../../src/config/registerLinks.ts';
import { aWebRig, TEAMS_APP_ID } from '../fixtures/webRig.ts';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const AP_LEAD_OID = '00000000-0000-0000-0000-0000000000020';
const RESOURCE = `api://apbot.example.test/${TEAMS_APP_ID}`;
const KID = 'entra-test-key';
/** The example school's open placements that only leaders see by pupil. */
const PUPILS = ['Y9-0412', 'Y10-0231', 'Y11-0801'];

type Rig = Awaited<ReturnType<typeof aWebRig>>;
let rig: Rig;
let entraKey: CryptoKey;
let strangerKey: CryptoKey;

/** A token as Entra issues it to the Teams tab (v1: audience the resource, issuer sts.windows.net), signed with `key`. */
async function aToken(claims: Record<string, unknown> = {}, key: CryptoKey = entraKey, expiresIn: string | number = '1h'): Promise<string> {
  const { iss, ...rest } = { iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT, oid: AP_LEAD_OID, ...claims };
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(iss as string)
    .setAudience((claims['aud'] as string | undefined) ?? RESOURCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

async function signOn(token: string) {
  return fetch(`${rig.url}/register/tab/sso`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
}

beforeAll(async () => {
  rig = await aWebRig();
  const entra = await generateKeyPair('RS256');
  entraKey = entra.privateKey;
  ({ privateKey: strangerKey } = await generateKeyPair('RS256'));
  const publicJwk = await exportJWK(entra.publicKey);
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  // Entra's signing keys, at the address every tenant's tokens are checked against.
  nock('https://login.microsoftonline.com').persist().get('/common/discovery/v2.0/keys').reply(200, { keys: [{ ...publicJwk, kid: KID, use: 'sig', alg: 'RS256' }] });
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await rig.close();
});

describe('the Teams personal tab, signed on with Teams single sign-on', () => {
  it("opens the viewer's own register: a token Entra signed for this app, from the school's tenant, naming the AP lead", async () => {
    const response = await signOn(await aToken());
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/register\?t=[\w-]+\.[\w-]+$/);
    const register = await fetch(`${rig.url}${location}`);
    expect(register.status).toBe(200);
    const page = await register.text();
    expect(page).toContain('AP register: Oakfield Academy');
    for (const ref of PUPILS) expect(page).toContain(ref);
  });

  it('takes a v2 token too (audience the app id, issuer login.microsoftonline.com/<tenant>/v2.0), for a governor: numbers only', async () => {
    const response = await signOn(await aToken({ aud: TEAMS_APP_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, oid: '00000000-0000-0000-0000-0000000000024' }));
    expect(response.status).toBe(303);
    const page = await (await fetch(`${rig.url}${response.headers.get('location') ?? ''}`)).text();
    expect(page).toContain('pupils have an open placement');
    for (const ref of PUPILS) expect(page).not.toContain(ref);
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    ['made for another app', () => aToken({ aud: 'api://elsewhere.example/99999999-0000-0000-0000-000000000000' }), /could not prove who you are/],
    ['run out', () => aToken({}, entraKey, Math.floor(Date.now() / 1000) - 3600), /could not prove who you are/],
    ['from a tenant no school uses', () => aToken({ tid: '99999999-9999-9999-9999-999999999999', iss: 'https://sts.windows.net/99999999-9999-9999-9999-999999999999/' }), /not one of the schools apbot serves/],
    ["issued by another tenant than the one it names", () => aToken({ iss: 'https://sts.windows.net/99999999-9999-9999-9999-999999999999/' }), /could not prove who you are/],
    ['naming someone on no school\'s staff', () => aToken({ oid: '00000000-0000-0000-0000-00000000dead' }), /not on the staff of a school/],
    ['signed with another key', () => aToken({}, strangerKey), /could not prove who you are/],
    ['altered after signing', async () => {
      const [header, , signature] = (await aToken()).split('.');
      const payload = Buffer.from(JSON.stringify({ aud: RESOURCE, iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT, oid: '00000000-0000-0000-0000-0000000000022', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }, /could not prove who you are/],
    ['not a token at all', async () => 'not-a-token', /could not prove who you are/],
  ];
  for (const [why, token, message] of refusals)
    it(`refuses a token ${why} with 403, a clear message and nothing of the school`, async () => {
      const response = await signOn(await token());
      expect(response.status).toBe(403);
      expect(response.headers.get('location')).toBeNull();
      const page = await response.text();
      expect(page).toMatch(message);
      for (const ref of [...PUPILS, 'Oakfield']) expect(page).not.toContain(ref);
    });

  it('lets someone on the staff of two schools choose whose register to open, each by its own signed link', async () => {
    const trust = await aWebRig(undefined, 'example');
    try {
      const response = await fetch(`${trust.url}/register/tab/sso`, { method: 'POST', body: new URLSearchParams({ token: await aToken({ oid: '00000000-0000-0000-0000-0000000000024' }) }), redirect: 'manual' });
      expect(response.status).toBe(200);
      const page = await response.text();
      const links = [...page.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]);
      expect(links.map(([school]) => school)).toEqual(['Oakfield Academy', 'Elmwood High School']);
      const elmwood = await (await fetch(`${trust.url}${(links[1]?.[1] ?? '').replaceAll('&amp;', '&')}`)).text();
      expect(elmwood).toContain('AP register: Elmwood High School');
    } finally {
      await trust.close();
    }
  });

  it('is on once the bot has its Microsoft app id and public address, expecting tokens made out to api://<host>/<app id>', () => {
    const env = readEnv({ MicrosoftAppId: TEAMS_APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT, PUBLIC_URL: 'https://apbot.example.sch.uk' });
    expect(teamsSsoOf(env)).toEqual({ appId: TEAMS_APP_ID, resource: `api://apbot.example.sch.uk/${TEAMS_APP_ID}` });
    expect(teamsSsoOf(readEnv({ MicrosoftAppId: TEAMS_APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT }))).toBeUndefined();
  });

  it('answers only a POST, and refuses a body too large to be a token', async () => {
    expect((await fetch(`${rig.url}/register/tab/sso`)).status).toBe(405);
    expect((await signOn('x'.repeat(20_000))).status).toBe(413);
  });

  it("serves the tab with Microsoft's Teams library from the bot itself, and scripts from nowhere else", async () => {
    const tab = await fetch(`${rig.url}/register/tab`);
    const page = await tab.text();
    expect(page).toContain('<script src="/register/tab/teams.js"></script>');
    expect(page).toContain('type <strong>register</strong> in your chat with apbot');
    expect(page).not.toMatch(/<script>|https?:\/\/[^"]*\.js/);
    expect(tab.headers.get('content-security-policy')).toContain("script-src 'self'");
    const library = await fetch(`${rig.url}/register/tab/teams.js`);
    expect(library.headers.get('content-type')).toContain('javascript');
    expect(await library.text()).toContain('getAuthToken');
    expect(await (await fetch(`${rig.url}/register/tab/tab.js`)).text()).toContain('authentication.getAuthToken()');
  });
});
