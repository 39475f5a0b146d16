import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { modelsOf } from '../../src/adapters/storage/mongo/models.ts';
import { MongoPlacementStore } from '../../src/adapters/storage/mongo/mongoPlacementStore.ts';
import { openMongoStores, type MongoStores } from '../../src/adapters/storage/mongo/openMongoStores.ts';
import { sweep } from '../../src/app/sweep.ts';
import type { AuditLog } from '../../src/ports/auditLog.ts';
import type { PlacementStore } from '../../src/ports/placementStore.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { SCHOOL, aCreate, aDecision, aPlacement, at } from '../contracts/factories.ts';
import { aSchool } from '../fixtures/school.ts';

interface Backend {
  open(): Promise<Stores>;
  /**
   * The store's placements, writing each decision's audit entry through `audit`: the port where
   * the failure is injected. The journal writes a decision and its entry in one line, so it has
   * no second half for the failure to reach; the scenario still has to end the same way.
   */
  placementsAuditingThrough(stores: Stores, audit: AuditLog): PlacementStore;
  writesBothAtOnce: boolean;
  destroy(stores: Stores): Promise<void>;
}

/** The audit log as the port the store writes through, failing while `down` is set (a crash, or a standalone server that does not retry). */
function failingWhileDown(log: AuditLog): AuditLog & { down: boolean } {
  return {
    down: true,
    async append(entry) {
      if (this.down) throw new Error('connection closed before the audit entry was written');
      return log.append(entry);
    },
    list: (schoolId, query) => log.list(schoolId, query),
  };
}

const backends: [string, Backend][] = [
  [
    'the embedded journal store',
    {
      open: () => openJournalStores(),
      placementsAuditingThrough: (stores) => stores.placements,
      writesBothAtOnce: true,
      destroy: (stores) => stores.close(),
    },
  ],
];
const uri = process.env.MONGODB_URI;
if (uri) {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  let databases = 0;
  backends.push([
    'MongoDB',
    {
      open: () => openMongoStores(uri, { dbName: `apbot_audit_${runId}_${++databases}` }),
      placementsAuditingThrough: (stores, audit) => new MongoPlacementStore(modelsOf((stores as MongoStores).connection), audit),
      writesBothAtOnce: false,
      destroy: async (stores) => {
        await (stores as MongoStores).connection.dropDatabase();
        await stores.close();
      },
    },
  ]);
} else {
  describe.skip('a decision whose audit entry fails to be written, on MongoDB (skipped: MONGODB_URI is not set; MongoDB cannot run on this machine)', () => {
    it.skip('stands with its entry pending, and the next sweep appends exactly one', () => undefined);
  });
}

describe.each(backends)('a decision whose audit entry fails to be written, on %s', (_name, backend) => {
  let stores: Stores;
  afterEach(async () => {
    await backend.destroy(stores);
  });
  const school = aSchool();
  const now = at('2025-10-20T09:00:00Z');
  const entriesFor = async (key: string) => (await stores.audit.list(SCHOOL)).filter((e) => e.idempotencyKey === key);

  async function aDecisionWhoseAuditFails(key: string) {
    stores = await backend.open();
    await stores.placements.create(aCreate(aPlacement()));
    const current = await stores.placements.get(SCHOOL, 'p-1');
    if (!current) throw new Error('p-1 was not created');
    const audit = failingWhileDown(stores.audit);
    const write = aDecision(current, key);
    const result = await backend.placementsAuditingThrough(stores, audit).applyDecision(write);
    return { write, result, audit };
  }

  it('is acknowledged and stands, and the next sweep gives it exactly one audit entry', async () => {
    const { result } = await aDecisionWhoseAuditFails('teams:review-1:staff-dsl');
    expect(result).toMatchObject({ replayed: false, record: { placement: { version: 1 } } });
    expect((await stores.placements.get(SCHOOL, 'p-1'))?.placement.version).toBe(1);

    await sweep(stores, school, now);
    const entries = await entriesFor('teams:review-1:staff-dsl');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'recordReview', placementId: 'p-1', summary: 'Half-term review recorded (outcome: continue)', at: at('2025-09-10T09:00:00Z') });

    const again = await sweep(stores, school, now);
    expect(again.audited).toBe(0);
    expect(await entriesFor('teams:review-1:staff-dsl')).toHaveLength(1);
  });

  it('gets exactly one entry when the same press is sent again before the sweep, and none more from the sweep', async () => {
    const { write } = await aDecisionWhoseAuditFails('teams:review-2:staff-dsl');
    const replay = await stores.placements.applyDecision(write);
    expect(replay.replayed).toBe(true);
    expect(await entriesFor('teams:review-2:staff-dsl')).toHaveLength(1);
    expect((await sweep(stores, school, now)).audited).toBe(0);
    expect(await entriesFor('teams:review-2:staff-dsl')).toHaveLength(1);
  });

  it('keeps the entry until the log is back, then appends it once however often it is asked', async () => {
    const { audit } = await aDecisionWhoseAuditFails('teams:review-3:staff-dsl');
    expect(await entriesFor('teams:review-3:staff-dsl')).toHaveLength(backend.writesBothAtOnce ? 1 : 0);
    audit.down = false;
    const placements = backend.placementsAuditingThrough(stores, audit);
    await Promise.all([placements.completeAudits(SCHOOL), placements.completeAudits(SCHOOL)]);
    await placements.completeAudits(SCHOOL);
    expect(await entriesFor('teams:review-3:staff-dsl')).toHaveLength(1);
  });
});
