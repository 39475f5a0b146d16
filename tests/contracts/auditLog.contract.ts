import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AuditLog } from '../../src/ports/auditLog.ts';
import { OTHER_SCHOOL, SCHOOL, anAuditInput, at, type ContractFactory } from './factories.ts';

/** The behaviour every AuditLog adapter shares. */
export function auditLogContract(factory: ContractFactory<AuditLog>): void {
  let log: AuditLog;

  beforeEach(async () => {
    log = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  it('appends an entry with an id and a position, keeping every field', async () => {
    const input = anAuditInput({ idempotencyKey: 'k-1', role: null, placementId: null, outcome: 'refused', action: 'refused:recordReview' });
    const entry = await log.append(input);
    expect(entry).toMatchObject(input);
    expect(typeof entry.id).toBe('string');
    expect(entry.at).toBeInstanceOf(Date);
    expect(await log.list(SCHOOL)).toEqual([entry]);
  });

  it("numbers each school's entries strictly increasing, oldest first", async () => {
    const appended = [];
    for (let i = 0; i < 4; i++) {
      appended.push(await log.append(anAuditInput({ summary: `entry ${i}` })));
      await log.append(anAuditInput({ schoolId: OTHER_SCHOOL, summary: `other ${i}` }));
    }
    const listed = await log.list(SCHOOL);
    expect(listed.map((e) => e.summary)).toEqual(['entry 0', 'entry 1', 'entry 2', 'entry 3']);
    expect(listed).toEqual(appended);
    const seqs = listed.map((e) => e.seq);
    seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i] ?? Infinity));
    expect(new Set(listed.map((e) => e.id)).size).toBe(4);
    expect((await log.list(OTHER_SCHOOL)).map((e) => e.summary)).toEqual(['other 0', 'other 1', 'other 2', 'other 3']);
  });

  it('filters by placement, actor and time (from `since`, included), and limits to the oldest n', async () => {
    await log.append(anAuditInput({ placementId: 'p-1', actor: 'staff-a', at: at('2025-09-10T09:00:00Z'), summary: '1' }));
    await log.append(anAuditInput({ placementId: 'p-2', actor: 'staff-a', at: at('2025-09-11T09:00:00Z'), summary: '2' }));
    await log.append(anAuditInput({ placementId: 'p-1', actor: 'staff-b', at: at('2025-09-12T09:00:00Z'), summary: '3' }));
    await log.append(anAuditInput({ placementId: 'p-1', actor: 'staff-a', at: at('2025-09-13T09:00:00Z'), summary: '4' }));
    const summaries = async (query: Parameters<AuditLog['list']>[1]) => (await log.list(SCHOOL, query)).map((e) => e.summary);
    expect(await summaries({ placementId: 'p-1' })).toEqual(['1', '3', '4']);
    expect(await summaries({ actor: 'staff-a' })).toEqual(['1', '2', '4']);
    expect(await summaries({ since: at('2025-09-11T09:00:00Z') })).toEqual(['2', '3', '4']);
    expect(await summaries({ limit: 2 })).toEqual(['1', '2']);
    expect(await summaries({ limit: 0 })).toEqual([]);
    expect(await summaries({ placementId: 'p-1', actor: 'staff-a', since: at('2025-09-10T09:00:01Z'), limit: 5 })).toEqual(['4']);
  });

  it('adds an entry with a known idempotency key only once and returns the first', async () => {
    const first = await log.append(anAuditInput({ idempotencyKey: 'click-1', summary: 'first' }));
    const again = await log.append(anAuditInput({ idempotencyKey: 'click-1', summary: 'second' }));
    expect(again).toEqual(first);
    expect((await log.list(SCHOOL)).map((e) => e.summary)).toEqual(['first']);
  });

  it('keeps every entry without a key, and keys apart per school', async () => {
    await log.append(anAuditInput({ summary: 'a' }));
    await log.append(anAuditInput({ summary: 'a' }));
    await log.append(anAuditInput({ idempotencyKey: 'k', summary: 'here' }));
    await log.append(anAuditInput({ schoolId: OTHER_SCHOOL, idempotencyKey: 'k', summary: 'there' }));
    expect(await log.list(SCHOOL)).toHaveLength(3);
    expect((await log.list(OTHER_SCHOOL)).map((e) => e.summary)).toEqual(['there']);
  });

  it('logs 20 concurrent appends with distinct positions, and 20 with one key once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(anAuditInput({ summary: `n${i}` }))));
    const same = await Promise.all(Array.from({ length: 20 }, () => log.append(anAuditInput({ idempotencyKey: 'once' }))));
    expect(new Set(same.map((e) => e.id)).size).toBe(1);
    const listed = await log.list(SCHOOL);
    expect(listed).toHaveLength(21);
    const seqs = listed.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(21);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('cannot be edited: returned entries are copies and the log offers no way to change or remove one', async () => {
    const entry = await log.append(anAuditInput({ summary: 'as it happened' }));
    entry.summary = 'rewritten';
    entry.at.setTime(0);
    const [listed] = await log.list(SCHOOL);
    if (!listed) throw new Error('entry missing');
    listed.summary = 'rewritten again';
    expect((await log.list(SCHOOL))[0]).toMatchObject({ summary: 'as it happened', at: at('2025-09-10T09:00:00Z') });

    const methods = new Set<string>();
    for (let o: object | null = log; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null)
      for (const name of Object.getOwnPropertyNames(o))
        if (name !== 'constructor' && typeof (log as unknown as Record<string, unknown>)[name] === 'function') methods.add(name);
    expect([...methods].sort()).toEqual(['append', 'list']);
  });
}
