import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVICE_URL, TENANT, USERS, aCardAction, aMessage, aTeamsBot, anInstall, isolateNetwork, resetNetwork, type TeamsBot, type User } from '../channels/teams/teamsHarness.ts';
import { stateOf } from './storeState.ts';

const SEED = 16;
const RUNS = 1000;
const FUZZ_TIMEOUT = 180_000;

let bot: TeamsBot;
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

const user = fc.constantFrom<User>('apLead', 'head', 'dsl', 'teacher', 'stranger');
const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 200 }));
const verb = fc.oneof(fc.constantFrom('recordReview', 'recordQaVisit', 'approvePartTimeTimetable', 'endPlacement', 'snoozeNudge', 'showPlacement', 'showMore', 'tickChecklistItem', 'refresh'), fc.string({ maxLength: 40 }));
/** A card's data: garbage, or the shape the cards use with a placement that is not there or a version long gone. */
const cardData = fc.oneof(
  anything,
  fc.record({ placementId: fc.oneof(fc.constantFrom('P-001', 'P-PTT'), fc.string({ maxLength: 20 })), version: fc.oneof(fc.integer({ min: 5 }), fc.string(), fc.constant(null)), actionId: fc.string({ maxLength: 20 }), extra: anything }, { requiredKeys: [] }),
);
/** Where it was said: the person's own 1:1 chat (as Teams sends it) or a team channel; never somewhere that would move their saved chat. */
const where = fc.constantFrom('personal', 'channel', 'groupChat');

function inConversation(activity: Record<string, unknown>, kind: string, who: User): Record<string, unknown> {
  if (kind === 'personal') return activity;
  return { ...activity, conversation: { id: `19:${kind}-${who}`, conversationType: kind, tenantId: TENANT } };
}

describe('fuzzing /api/messages with bad input', () => {
  beforeEach(async () => {
    isolateNetwork();
    bot = await aTeamsBot({ placements: [{}, { id: 'P-PTT', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0100', initials: 'AB' } }] });
    // Everyone has opened their 1:1 chat already, so a message there only finds it saved.
    for (const who of Object.keys(USERS) as User[]) await bot.post(anInstall(who));
  });

  async function expectNothingChanged(before: unknown): Promise<void> {
    expect(await stateOf(bot.stores, bot.school)).toEqual(before);
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  }

  it(`answers ${RUNS} messages of any text and fields from anyone without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(bot.stores, bot.school);
    const message = fc.record({
      user,
      where,
      text: fc.oneof(fc.string({ maxLength: 300 }).filter((t) => !/post\s+here/i.test(t)), anything),
      entities: fc.option(anything),
      value: fc.option(anything),
      channelData: fc.option(fc.record({ tenant: fc.record({ id: fc.constant(TENANT) }) }, { requiredKeys: [] })),
    });
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const activity = { ...inConversation(aMessage(m.text, m.user), m.where, m.user), ...(m.entities === null ? {} : { entities: m.entities }), ...(m.value === null ? {} : { value: m.value }), ...(m.channelData === null ? {} : { channelData: m.channelData }) };
        const { status } = await bot.post(activity);
        expect(status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} card actions and other invokes with tampered data without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(bot.stores, bot.school);
    const invoke = fc.record({
      user,
      where,
      name: fc.oneof(fc.constant('adaptiveCard/action'), fc.string({ maxLength: 30 })),
      value: fc.oneof(fc.record({ action: fc.record({ type: fc.oneof(fc.constant('Action.Execute'), fc.string()), verb, data: cardData }, { requiredKeys: [] }), trigger: fc.constantFrom('manual', 'automatic') }, { requiredKeys: [] }), anything),
    });
    await fc.assert(
      fc.asyncProperty(invoke, async (i) => {
        const activity = { ...inConversation(aCardAction('x', {}, i.user), i.where, i.user), name: i.name, value: i.value };
        const { status, json } = await bot.post(activity);
        expect(status).toBeLessThan(500);
        expect(json?.statusCode ?? 200).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} bodies of any JSON without a 5xx`, async () => {
    const before = await stateOf(bot.stores, bot.school);
    const body = fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.dictionary(fc.constantFrom('type', 'text', 'from', 'conversation', 'channelId', 'serviceUrl', 'recipient', 'value', 'name', 'membersAdded'), anything).map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status } = await bot.post(b);
        expect(status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);
});

describe('fuzzing /api/messages with an app id: any token that is not the Bot Framework’s', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });

  beforeEach(async () => {
    isolateNetwork();
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    bot = await aTeamsBot({ appId: APP_ID });
  });

  it(`answers ${RUNS} forged, tampered or malformed tokens with a bare 401, and changes nothing`, async () => {
    const before = await stateOf(bot.stores, bot.school);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = fc.record(
      { iss: fc.oneof(fc.constant('https://api.botframework.com'), fc.string()), aud: fc.oneof(fc.constant(APP_ID), fc.string()), nbf: fc.integer({ min: now - 3600, max: now + 86_400 }), exp: fc.integer({ min: now - 86_400, max: now + 3600 }), serviceurl: fc.oneof(fc.constant(SERVICE_URL), fc.string()) },
      { requiredKeys: [] },
    );
    const header = fc.record({ alg: fc.constantFrom('RS256', 'none', 'HS256', 'RS512'), kid: fc.oneof(fc.constant('k1'), fc.string()), typ: fc.constant('JWT') }, { requiredKeys: [] });
    // Signed with the trusted kid's real key only when something else about it is wrong (wrong audience, issuer, time or URL).
    const token = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(header, claims, fc.boolean()).map(([h, c, signed]) => {
        const unsigned = `${encode(h)}.${encode(c)}`;
        const good = h.alg === 'RS256' && h.kid === 'k1' && c.iss === 'https://api.botframework.com' && c.aud === APP_ID && (c.nbf ?? 0) <= now && (c.exp ?? 0) > now && c.serviceurl === SERVICE_URL;
        return `Bearer ${unsigned}.${signed && !good ? sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url') : 'c2lnbmF0dXJl'}`;
      }),
    );
    await fc.assert(
      fc.asyncProperty(token, user, async (t, who) => {
        const response = await bot.post(aMessage('due', who), { authorization: t });
        expect(response).toMatchObject({ status: 401, text: '' });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(bot.sent).toEqual([]);
    expect(bot.logs.every((l) => l.level === 'warn' && l.message === 'refused a Teams request that is not authenticated')).toBe(true);
    expect(await stateOf(bot.stores, bot.school)).toEqual(before);
  }, FUZZ_TIMEOUT);
});
