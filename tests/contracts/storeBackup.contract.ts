import { afterEach, beforeEach, expect, it } from 'vitest';
import { providerSchema } from '../../src/core/provider/provider.ts';
import type { StoreItem } from '../../src/ports/storeBackup.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { SCHOOL, aCreate, aDecision, aMarkAudit, aPlacement, aSchoolConfig, anAttendanceRecord, anAuditInput, anOutboxInput, at, type ContractFactory } from './factories.ts';

async function collect(items: AsyncIterable<StoreItem>): Promise<StoreItem[]> {
  const all: StoreItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** One of everything, as a morning's use leaves it. */
async function writeOneOfEverything(stores: Stores): Promise<void> {
  const created = await stores.placements.create(aCreate(aPlacement({ id: 'p-1' })));
  await stores.placements.applyDecision(aDecision(created.record, 'press-1'));
  await stores.audit.append(anAuditInput({ action: 'refused:recordReview', outcome: 'refused', summary: 'Not allowed' }));
  const { entry } = await stores.outbox.enqueue(anOutboxInput(), at('2025-10-20T07:00:00Z'));
  await stores.outbox.markFailed(entry.id, 'rate limited', at('2025-10-20T08:00:00Z'));
  const mark = anAttendanceRecord();
  await stores.attendance.record(mark, aMarkAudit(mark));
  await stores.schools.save(SCHOOL, aSchoolConfig(), at('2025-09-01T07:00:00Z'));
  await stores.conversations.save(SCHOOL, 'staff-dsl', 'teams', { conversation: { id: 'a:1' } }, at('2025-09-02T08:00:00Z'));
  await stores.providers.merge(SCHOOL, providerSchema.parse({ id: 'prov-1', name: 'Riverside Learning Centre', documents: [{ type: 'insurance', expires: '2026-08-31' }] }));
}

/** Without ids the store makes up (an audit entry's or outbox entry's id is the store's own). */
const withoutStoreIds = (items: StoreItem[]) => items.map((item) => (item.kind === 'audit' || item.kind === 'outbox' ? { ...item, value: { ...item.value, id: '' } } : item));

/** The behaviour every store's backup shares: everything out, and back into an empty store unchanged. */
export function storeBackupContract(factory: ContractFactory<Stores>): void {
  let source: Stores;
  let target: Stores;

  beforeEach(async () => {
    source = await factory.create();
    target = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  it('gives every item of every store, and an empty store restored from them gives the same items back', async () => {
    await writeOneOfEverything(source);
    const items = await collect(source.backup.items());
    expect(items.map((i) => i.kind).sort()).toEqual(['attendance', 'audit', 'audit', 'audit', 'audit', 'conversation', 'outbox', 'placement', 'provider', 'school']);
    await target.backup.restore(items);
    expect(withoutStoreIds(await collect(target.backup.items()))).toEqual(withoutStoreIds(items));
  });

  it('keeps working after a restore: the same press records once, the log goes on from its last entry, the outbox entry is still due', async () => {
    await writeOneOfEverything(source);
    await target.backup.restore(await collect(source.backup.items()));
    const [record] = await target.placements.list(SCHOOL);
    const replay = await target.placements.applyDecision(aDecision(record!, 'press-1'));
    expect(replay.replayed).toBe(true);
    const next = await target.audit.append(anAuditInput({ summary: 'after the restore' }));
    expect(next.seq).toBe(5);
    expect((await target.outbox.claim(at('2025-10-20T09:00:00Z'), 10, 60_000)).map((e) => e.dedupeKey)).toEqual([anOutboxInput().dedupeKey]);
  });

  it('refuses to restore into a store that holds anything, and changes nothing there', async () => {
    await writeOneOfEverything(source);
    await target.conversations.save(SCHOOL, 'staff-head', 'slack', { channel: 'D1' }, at('2025-09-02T08:00:00Z'));
    const before = await collect(target.backup.items());
    await expect(target.backup.restore(await collect(source.backup.items()))).rejects.toThrow('The store is not empty');
    expect(await collect(target.backup.items())).toEqual(before);
  });
}
