import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { openMongoStores, type MongoStores } from '../../src/adapters/storage/mongo/openMongoStores.ts';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../../src/app/deliver.ts';
import { importPlacements } from '../../src/app/importPlacements.ts';
import { sweep } from '../../src/app/sweep.ts';
import { loadPlacementsFile } from '../../src/config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE } from '../../src/config/schools.ts';
import type { NudgeOutbox } from '../../src/ports/nudgeOutbox.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aRecordingChannel, type Delivery } from '../fixtures/recordingChannel.ts';
import { aSchool } from '../fixtures/school.ts';

const school = aSchool();
const placements = loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE);
const QUARTER_HOUR = 15 * 60_000;
// A school morning after the May bank holiday: the first reminders go out at 07:30.
const MORNING_STARTS = Date.parse('2026-05-05T06:00:00+01:00');
const MORNING_ENDS = Date.parse('2026-05-05T13:00:00+01:00');
const options = { ...DEFAULT_DELIVER_OPTIONS, random: () => 0.5, sleep: async () => undefined };

/**
 * The outbox entries each message carried, by dedupe key: a merged list or digest is sent under
 * the ids of the entries it merged (`digest|id1,id2`), which differ from one store to another.
 */
async function entriesDelivered(delivered: readonly Delivery[], outbox: NudgeOutbox): Promise<string[]> {
  const keyOf = new Map((await outbox.list(school.id)).map((e) => [e.id, e.dedupeKey]));
  return delivered
    .flatMap(({ dedupeKey }) => {
      const ids = dedupeKey.slice(dedupeKey.indexOf('|') + 1).split(',');
      return ids.every((id) => keyOf.has(id)) ? ids.map((id) => keyOf.get(id) ?? id) : [dedupeKey];
    })
    .sort();
}

/** What one bot alone delivers over the morning: the reference the two must match. */
async function oneBotsMorning(): Promise<{ messages: number; entries: string[] }> {
  const rig = await aNudgeRig(placements, new Date(MORNING_STARTS).toISOString(), school);
  for (let t = MORNING_STARTS; t <= MORNING_ENDS; t += QUARTER_HOUR) await rig.at(new Date(t).toISOString());
  const entries = await entriesDelivered(rig.delivered, rig.stores.outbox);
  await rig.stores.close();
  return { messages: rig.delivered.length, entries };
}

/** Two bots, each with its own stores on one database, sweeping and delivering at the same moments into one chat. */
async function twoBotsMorning(bots: [Stores, Stores]) {
  await importPlacements(bots[0], school, placements, new Date(MORNING_STARTS), 'test');
  const chat = aRecordingChannel();
  for (let t = MORNING_STARTS; t <= MORNING_ENDS; t += QUARTER_HOUR) {
    const now = new Date(t);
    await Promise.all(
      bots.map(async (stores) => {
        await sweep(stores, school, now);
        await deliver(stores.outbox, [school], [chat.channel], () => now, options);
      }),
    );
  }
  const entries = await entriesDelivered(chat.delivered, bots[1].outbox);
  const sent = (await bots[1].outbox.list(school.id, { status: ['sent'] })).map((e) => e.dedupeKey).sort();
  return { messages: chat.delivered.length, entries, sent };
}

describe('two bots on one store over a school morning', () => {
  const opened: Stores[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()));
  });

  it('deliver every nudge once, the same nudges one bot alone delivers (embedded store, shared in one process)', async () => {
    const stores = await openJournalStores();
    opened.push(stores);
    const { messages, entries, sent } = await twoBotsMorning([stores, stores]);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries).toEqual(sent);
    expect({ messages, entries }).toEqual(await oneBotsMorning());
  });

  const uri = process.env.MONGODB_URI;
  if (uri) {
    it('deliver every nudge once, the same nudges one bot alone delivers (MongoDB, a connection each)', async () => {
      const dbName = `apbot_bots_${process.pid}_${randomBytes(3).toString('hex')}`;
      const bots = await Promise.all([openMongoStores(uri, { dbName }), openMongoStores(uri, { dbName })]);
      try {
        const { messages, entries, sent } = await twoBotsMorning(bots);
        expect(entries.length).toBeGreaterThan(0);
        expect(new Set(entries).size).toBe(entries.length);
        expect(entries).toEqual(sent);
        expect({ messages, entries }).toEqual(await oneBotsMorning());
      } finally {
        await (bots[0] as MongoStores).connection.dropDatabase();
        await Promise.all(bots.map((stores) => stores.close()));
      }
    }, 60_000);
  } else {
    it.skip('deliver every nudge once on MongoDB, a connection each (skipped: MONGODB_URI is not set; MongoDB cannot run on this machine)', () => undefined);
  }
});
