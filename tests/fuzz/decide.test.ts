import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { runCli } from '../../src/cli/main.ts';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';
import { aSchool } from '../fixtures/school.ts';
import { stateOf } from './storeState.ts';

const SEED = 16;
const RUNS = 1000;
const AT = '2026-02-09T10:00:00Z';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'apbot-fuzz-decide-'));
  process.env.DATA_DIR = dataDir;
  process.env.STORE = 'memory';
});
afterEach(() => {
  delete process.env.DATA_DIR;
  delete process.env.STORE;
  rmSync(dataDir, { recursive: true, force: true });
});

async function ap(...argv: string[]) {
  const { io, stdout, stderr } = aRecordingIo();
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

async function state() {
  const stores = await openJournalStores({ dataDir });
  try {
    return await stateOf(stores, aSchool());
  } finally {
    await stores.close();
  }
}

/**
 * JSON no decision takes: not JSON at all, JSON that is not an object, or an object with a field no
 * decision has (every decision's input is a strict object) beside fields of the wrong type.
 */
const badJson = fc.oneof(
  fc.string({ maxLength: 200 }).filter((text) => {
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed === null || typeof parsed !== 'object' || Array.isArray(parsed);
    } catch {
      return true;
    }
  }),
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 })).map((v) => JSON.stringify(v)),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }).map((k) => `x-${k}`),
      fc.jsonValue({ maxDepth: 2 }),
      fc.dictionary(fc.constantFrom('attendees', 'progress', 'outcome', 'on', 'reason', 'details', 'category', 'until', 'date', 'session', 'mark', 'end', 'role', 'to', 'kind', 'pupil'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    )
    .map(([unknown, value, known]) => JSON.stringify({ ...known, [unknown]: value })),
);

describe('fuzzing ap decide with bad JSON', () => {
  it(`refuses ${RUNS} decisions with input no decision takes, exit code 2, one message, and changes nothing`, async () => {
    // The first run fills the demo store, so the comparison starts from there.
    expect((await ap('decide', 'recordQaVisit', '--as', 'nobody', '--placement', 'P-001', '--at', AT)).code).toBe(2);
    const before = await state();
    const decision = fc.oneof(fc.constantFrom(...DECISIONS.keys()), fc.string({ maxLength: 30 }));
    const staff = fc.oneof(fc.constantFrom('s-aplead', 's-head', 's-dsl', 's-attendance', 's-teacher'), fc.string({ maxLength: 20 }));
    const placement = fc.oneof(fc.constantFrom('P-001', 'P-002', 'P-003'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(decision, staff, placement, badJson, async (name, as, placementId, json) => {
        const { code, stdout, stderr } = await ap('decide', name, '--as', as, '--placement', placementId, '--at', AT, '--json', json);
        expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
        expect(stderr.trim().length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await state()).toEqual(before);
  }, 180_000);
});
