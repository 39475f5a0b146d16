import fc from 'fast-check';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AP_LEAD, DSL, HEAD, STRANGER, TEACHER, TEAM, aSlackWorkspace, sign, type Workspace } from '../channels/slack/harness.ts';
import { stateOf } from './storeState.ts';

/** Fixed, so a failure here fails the same way on every machine; fast-check prints the case. */
const SEED = 16;
const RUNS = 1000;
const FORM = 'application/x-www-form-urlencoded';
/** A thousand requests through Bolt, on a machine shared with the rest of the suite. */
const FUZZ_TIMEOUT = 180_000;

let ws: Workspace;
let nonce = 0;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
beforeEach(async () => {
  ws = await aSlackWorkspace({ placements: [{}, { id: 'P-PTT', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0100', initials: 'AB' } }] });
});
afterEach(async () => {
  await ws.close();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

const user = fc.oneof(fc.constantFrom(AP_LEAD, HEAD, DSL, TEACHER, STRANGER), fc.string({ maxLength: 30 }));
const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 200 }), fc.constant(undefined));
const verb = fc.oneof(
  fc.constantFrom('recordReview', 'recordQaVisit', 'approvePartTimeTimetable', 'endPlacement', 'snoozeNudge', 'showPlacement', 'showReminder', 'showMore', 'openReviewForm', 'tickChecklistItem', 'logConcern'),
  fc.string({ maxLength: 40 }),
);
/** A button's value: garbage, or the shape the cards use with a placement that is not there or a version long gone. */
const buttonValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ actionId: fc.string({ maxLength: 20 }), placementId: fc.oneof(fc.constantFrom('P-001', 'P-PTT'), fc.string({ maxLength: 20 })), version: fc.oneof(fc.integer({ min: 5 }), fc.string(), fc.double()), input: anything }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
);

/** Posts a body signed as Slack signs it; each body is made unique, so no request is refused as a replay. */
async function signedPost(body: string, contentType: string) {
  return ws.post(body, contentType, sign(body));
}

/** Waits for work Bolt does after its ack to finish, then compares what the store holds. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function expectNothingChanged(before: unknown): Promise<void> {
  await settled();
  expect(await stateOf(ws.stores, ws.school)).toEqual(before);
  expect(ws.lines.filter((l) => l.level === 'error')).toEqual([]);
}

describe('fuzzing /slack/events with bad input, signed as Slack signs it', () => {
  it(`answers ${RUNS} slash commands of any text and fields without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(ws.stores, ws.school);
    const fields = fc.record(
      {
        text: fc.string({ maxLength: 300 }).filter((t) => !/^\s*post/i.test(t)),
        user_id: user,
        team_id: fc.oneof(fc.constant(TEAM), fc.string({ maxLength: 12 })),
        command: fc.oneof(fc.constant('/ap'), fc.string({ maxLength: 10 })),
        channel_id: fc.oneof(fc.constantFrom('D0DM', 'C0STAFF', 'G0PRIV'), fc.string({ maxLength: 12 })),
        extra: fc.string({ maxLength: 50 }),
      },
      { requiredKeys: ['text'] },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (f) => {
        const body = new URLSearchParams({ ...(f as Record<string, string>), response_url: `${ws.hooks}/c/${++nonce}`, trigger_id: `t${nonce}` }).toString();
        const { status } = await signedPost(body, FORM);
        expect([200, 400]).toContain(status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} button presses with tampered values, unknown actions and strangers without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(ws.stores, ws.school);
    const press = fc.record({ user, action_id: verb, value: buttonValue, home: fc.boolean(), actions: fc.option(anything) });
    await fc.assert(
      fc.asyncProperty(press, async (p) => {
        const id = ++nonce;
        const payload = {
          type: 'block_actions',
          team: { id: TEAM },
          user: { id: p.user, team_id: TEAM },
          trigger_id: `t${id}`,
          ...(p.home
            ? { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } }
            : { container: { type: 'message', message_ts: '1.2', channel_id: 'D0DM' }, channel: { id: 'D0DM' }, message: { ts: '1.2' }, response_url: `${ws.hooks}/a/${id}` }),
          actions: p.actions === null ? [{ type: 'button', action_id: p.action_id, block_id: 'b', value: p.value, action_ts: '1' }] : p.actions,
        };
        const { status } = await signedPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
        expect([200, 400]).toContain(status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} modal submissions with bad fields and forged metadata without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(ws.stores, ws.school);
    const meta = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.record({ placementId: fc.oneof(fc.constant('P-404'), fc.string({ maxLength: 10 })), input: anything }, { requiredKeys: [] }).map((m) => JSON.stringify(m)),
      fc.record({ placementId: fc.constantFrom('P-001', 'P-PTT'), version: fc.integer({ min: 5, max: 1000 }), input: anything }).map((m) => JSON.stringify(m)),
    );
    const values = fc.dictionary(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 10 }), anything, { maxKeys: 2 }), { maxKeys: 4 });
    const submission = fc.record({ user, callback_id: verb, meta, values, blocks: fc.option(fc.array(anything, { maxLength: 3 })) });
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        const id = ++nonce;
        const payload = {
          type: 'view_submission',
          team: { id: TEAM },
          user: { id: s.user, team_id: TEAM },
          trigger_id: `t${id}`,
          view: { id: `V${id}`, type: 'modal', callback_id: s.callback_id, private_metadata: s.meta, state: { values: s.values }, ...(s.blocks ? { blocks: s.blocks } : {}) },
        };
        const { status } = await signedPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
        expect([200, 400]).toContain(status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} events of any shape without a 5xx, and changes nothing`, async () => {
    const before = await stateOf(ws.stores, ws.school);
    const event = fc.record(
      { type: fc.oneof(fc.constantFrom('app_home_opened', 'message', 'app_mention'), fc.string({ maxLength: 20 })), user, tab: fc.oneof(fc.constantFrom('home', 'messages'), anything), channel: anything, text: anything },
      { requiredKeys: [] },
    );
    const body = fc.record({ type: fc.oneof(fc.constant('event_callback'), fc.string({ maxLength: 20 })), team_id: fc.oneof(fc.constant(TEAM), anything), event: fc.oneof(event, anything) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status } = await signedPost(JSON.stringify({ ...b, event_id: `Ev${++nonce}` }), 'application/json');
        expect([200, 400]).toContain(status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);

  it(`answers ${RUNS} bodies of any bytes, signed, without a 5xx`, async () => {
    const before = await stateOf(ws.stores, ws.school);
    const raw = fc.record({ body: fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => `payload=${encodeURIComponent(JSON.stringify(v))}`)), type: fc.constantFrom(FORM, 'application/json', 'text/plain') });
    await fc.assert(
      fc.asyncProperty(raw, async (r) => {
        const unique = ++nonce;
        // Leading spaces keep JSON what it was while making the bytes, and so the signature, new.
        const { status } = await signedPost(r.type === FORM ? `${r.body}&n=${unique}` : `${' '.repeat(unique)}${r.body}`, r.type);
        expect([200, 400]).toContain(status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectNothingChanged(before);
  }, FUZZ_TIMEOUT);
});
