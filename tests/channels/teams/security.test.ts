import { generateKeyPairSync, sign } from 'node:crypto';
import nock from 'nock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aCardAction, aMessage, anInstall, SERVICE_URL, type TeamsBot, teamsBots, TENANT, textOf } from './teamsHarness.ts';

const openBot = teamsBots();
let bot: TeamsBot | undefined;

describe('someone who is not on the staff list', () => {
  beforeEach(async () => {
    bot = await openBot();
  });

  it('gets a polite refusal to a command, no data, and an audit entry under an opaque id', async () => {
    const replies = await bot!.say('status Y9-0412', 'stranger');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain("I don't recognise you");
    expect(JSON.stringify(replies)).not.toContain('Y9-0412');
    expect((await bot!.stores.audit.list(bot!.school.id)).at(-1)).toMatchObject({ actor: 'teams:00000000-0000-0000-0000-0000000000099', action: 'refused:unknown_user', outcome: 'refused', role: null });
  });

  it('gets a refusal card for a button, and nothing is recorded', async () => {
    const response = await bot!.post(aCardAction('endPlacement', { placementId: 'P-001', version: 0, actionId: 'x', reason: 'other' }, 'stranger'));
    expect(response.status).toBe(200);
    expect(textOf(response.json?.value)).toContain("I don't recognise you");
    expect((await bot!.placement()).status).toBe('active');
  });

  it('installing the bot stores nothing and says nothing', async () => {
    await bot!.post(anInstall('stranger'));
    expect(bot!.sent).toHaveLength(0);
    expect((await bot!.stores.audit.list(bot!.school.id)).at(-1)?.action).toBe('refused:unknown_user');
  });
});

describe('whom Teams vouches for', () => {
  beforeEach(async () => {
    bot = await openBot();
  });

  const OTHER_TENANT = '99999999-0000-0000-0000-000000000000';
  it.each([
    ['another channel than Teams (Web Chat)', { channelId: 'webchat' }],
    ['Direct Line', { channelId: 'directline' }],
    ['no tenant at all', { conversation: { id: 'a:personal-dsl', conversationType: 'personal' }, channelData: {} }],
    ['another tenant', { conversation: { id: 'a:personal-dsl', conversationType: 'personal', tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }],
    ['two tenants that disagree', { channelData: { tenant: { id: OTHER_TENANT } } }],
  ])("treats the DSL's Entra id arriving from %s as a stranger: refused, audited, nothing remembered", async (_what, extra) => {
    const [reply] = await bot!.say('status Y9-0412', 'dsl', extra);
    expect(reply?.text).toContain("I don't recognise you");
    expect((await bot!.stores.audit.list(bot!.school.id)).at(-1)).toMatchObject({ action: 'refused:unknown_user', outcome: 'refused' });
    await bot!.post({ ...anInstall('dsl'), ...extra });
    expect(await bot!.stores.conversations.get(bot!.school.id, 's-dsl', 'teams')).toBeUndefined();
  });

  it("never lets anyone replace the DSL's saved chat: only the DSL's own Teams 1:1 chat does", async () => {
    await bot!.post(anInstall('dsl'));
    const saved = await bot!.stores.conversations.get(bot!.school.id, 's-dsl', 'teams');
    expect(saved?.reference).toMatchObject({ conversation: { id: 'a:personal-dsl' }, serviceUrl: SERVICE_URL });
    const elsewhere = { serviceUrl: 'https://attacker.example/', conversation: { id: 'a:personal-attacker', conversationType: 'personal', tenantId: OTHER_TENANT } };
    await bot!.post({ ...anInstall('dsl'), ...elsewhere, channelData: { tenant: { id: OTHER_TENANT } } });
    await bot!.post({ ...aMessage('due', 'dsl'), ...elsewhere, channelId: 'webchat' });
    await bot!.post({ ...aMessage('due', 'dsl'), conversation: { id: '19:team-channel', conversationType: 'channel', tenantId: TENANT } });
    expect((await bot!.stores.conversations.get(bot!.school.id, 's-dsl', 'teams'))?.reference).toEqual(saved?.reference);
  });
});

describe('bad payloads', () => {
  beforeEach(async () => {
    bot = await openBot();
  });

  it.each([
    ['not JSON', '{"type": "message", '],
    ['a JSON array', '[1, 2]'],
    ['no activity type', JSON.stringify({ text: 'help' })],
    ['a type that is not a string', JSON.stringify({ ...aMessage('help'), type: 42 })],
    ['a conversation that is not an object', JSON.stringify({ ...aMessage('help'), conversation: 'nope' })],
    ['text that is not text', JSON.stringify(aMessage({ not: 'text' }))],
  ])('answers 400 to %s and keeps running', async (_what, body) => {
    const response = await bot!.post(body);
    expect(response.status).toBe(400);
    expect((await bot!.say('help'))[0]?.text).toContain('Here is what I can do');
  });

  it('answers 413 to a body far larger than any activity', async () => {
    expect((await bot!.post(aMessage('x'.repeat(300 * 1024)))).status).toBe(413);
  });

  it('answers 405 to anything but POST', async () => {
    expect((await fetch(bot!.url)).status).toBe(405);
  });

  it('answers a long message politely, without trying it as a command', async () => {
    const [reply] = await bot!.say('due '.repeat(500));
    expect(reply?.text).toContain('longer than any command');
  });

  it('answers a message with no sender politely', async () => {
    const response = await bot!.post({ ...aMessage('due'), from: { id: '29:nobody' } });
    expect(response.status).toBe(200);
    expect(bot!.sent.at(-1)?.body.text).toContain("I don't recognise you");
  });

  it.each([
    ['no action', {}],
    ['a verb that is not a string', { action: { verb: 7, data: {} } }],
    ['data that is not an object', { action: { verb: 'recordReview', data: 'P-001' } }],
    ['a version that is not a number', { action: { verb: 'recordReview', data: { placementId: 'P-001', version: 'zero' } } }],
  ])('answers a card action with %s as a bad request, never a 500', async (_what, value) => {
    const response = await bot!.post({ ...aCardAction('x', {}), value });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });

  it('answers card input of the wrong type with the form and the problem', async () => {
    const response = await bot!.post(aCardAction('recordReview', { placementId: 'P-001', version: 0, actionId: 'y', 'recordReview.attendees': ['pupil'], 'recordReview.progress': 12, 'recordReview.outcome': 'continue' }));
    expect(response.status).toBe(200);
    expect(textOf(response.json?.value)).toContain('Record the review');
    expect(textOf(response.json?.value)).toMatch(/⚠️[\s\S]*Progress against the objectives/);
    expect((await bot!.placement()).version).toBe(0);
  });
});

describe('with an app id, every request needs a Bot Framework token for it', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const KID = 'test-signing-key';

  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  function aToken(claims: Record<string, unknown>, how: { header?: Record<string, unknown>; key?: typeof privateKey; unsigned?: boolean } = {}): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: KID, ...how.header })}.${encode({ iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 600, serviceurl: SERVICE_URL, ...claims })}`;
    return `${unsigned}.${how.unsigned ? '' : sign('sha256', Buffer.from(unsigned), how.key ?? privateKey).toString('base64url')}`;
  }

  beforeEach(async () => {
    // The Bot Framework's OpenID metadata and signing keys, faked: they cannot be reached from here.
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    bot = await openBot({ appId: APP_ID });
  });

  it('refuses a request without a token', async () => {
    expect((await bot!.post(aMessage('due'))).status).toBe(401);
  });

  it('refuses a malformed token', async () => {
    expect((await bot!.post(aMessage('due'), { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect((await bot!.post(aMessage('due'), { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
  });

  it('refuses a well-signed token for another bot', async () => {
    const response = await bot!.post(aMessage('due'), { authorization: `Bearer ${aToken({ aud: 'some-other-bot' })}` });
    expect(response.status).toBe(401);
    expect(bot!.sent).toHaveLength(0);
  });

  it.each([
    ['unsigned (alg none)', () => aToken({ aud: APP_ID }, { header: { alg: 'none' }, unsigned: true })],
    ['signed by another key under a trusted key id', () => aToken({ aud: APP_ID }, { key: otherKey })],
    ['not valid until tomorrow', () => aToken({ aud: APP_ID, nbf: Math.floor(Date.now() / 1000) + 86_400, exp: Math.floor(Date.now() / 1000) + 90_000 })],
    ['expired', () => aToken({ aud: APP_ID, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['from another issuer', () => aToken({ aud: APP_ID, iss: 'https://evil.example' })],
    ['for another service URL', () => aToken({ aud: APP_ID, serviceurl: 'https://evil.example/' })],
  ])('refuses a token %s with a bare 401 and one warning line, no stack trace', async (_what, token) => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // A request that is let through first, so botbuilder has looked up its keys.
      expect((await bot!.post(anInstall('stranger'), { authorization: `Bearer ${aToken({ aud: APP_ID })}` })).status).toBe(200);
      bot!.logs.length = 0;
      const response = await bot!.post(aMessage('due'), { authorization: `Bearer ${token()}` });
      expect(response).toMatchObject({ status: 401, text: '' });
      expect(bot!.logs).toEqual([{ level: 'warn', fields: expect.objectContaining({ component: 'teams' }), message: 'refused a Teams request that is not authenticated' }]);
      expect(printed).not.toHaveBeenCalled();
      expect(warned).not.toHaveBeenCalled();
      expect(bot!.sent).toHaveLength(0);
    } finally {
      printed.mockRestore();
      warned.mockRestore();
    }
  });

  it('accepts the same kind of token made out to this bot', async () => {
    const response = await bot!.post(anInstall('stranger'), { authorization: `Bearer ${aToken({ aud: APP_ID })}` });
    expect(response.status).toBe(200);
  });
});
