import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.ts';
import type { NudgeOutbox, OutboxEntry } from '../../src/ports/nudgeOutbox.ts';
import { OTHER_SCHOOL, SCHOOL, anOutboxInput, at, codeOf, type ContractFactory } from './factories.ts';

const NOW = at('2025-10-20T08:00:00Z');
const MINUTE = 60_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

/** The behaviour every NudgeOutbox adapter shares. Time is always passed in: no timers. */
export function nudgeOutboxContract(factory: ContractFactory<NudgeOutbox>): void {
  let outbox: NudgeOutbox;

  beforeEach(async () => {
    outbox = await factory.create();
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  const enqueue = async (dedupeKey: string, notBefore = NOW, extra: Partial<Parameters<NudgeOutbox['enqueue']>[0]> = {}) =>
    (await outbox.enqueue(anOutboxInput({ dedupeKey, notBefore, ...extra }), at('2025-10-20T06:00:00Z'))).entry;
  const keys = (entries: OutboxEntry[]) => entries.map((e) => e.dedupeKey);

  describe('enqueue', () => {
    it('adds a pending nudge, first deliverable at its notBefore, keeping the message as given', async () => {
      const input = anOutboxInput();
      const { entry, created } = await outbox.enqueue(input, NOW);
      expect(created).toBe(true);
      expect(entry).toMatchObject({ ...input, status: 'pending', attempts: 0, nextAttemptAt: input.notBefore, leaseUntil: null, lastError: null, createdAt: NOW, sentAt: null });
      expect(await outbox.list(SCHOOL)).toEqual([entry]);
      expect((await outbox.list(SCHOOL))[0]?.message).toEqual(input.message);
    });

    it('never enqueues the same nudge twice: the dedupe key returns the first entry', async () => {
      const first = await outbox.enqueue(anOutboxInput({ message: { v: 1 } }), NOW);
      const second = await outbox.enqueue(anOutboxInput({ message: { v: 2 } }), later(MINUTE));
      expect(second).toEqual({ entry: first.entry, created: false });
      expect(await outbox.list(SCHOOL)).toHaveLength(1);
    });

    it('keeps dedupe keys apart per school', async () => {
      await outbox.enqueue(anOutboxInput(), NOW);
      const other = await outbox.enqueue(anOutboxInput({ schoolId: OTHER_SCHOOL, recipient: { schoolId: OTHER_SCHOOL, staffId: 's' } }), NOW);
      expect(other.created).toBe(true);
    });

    it('enqueues many at once, each dedupe key once (one already queued, or twice in the batch, adds nothing), and says how many were added', async () => {
      const known = await outbox.enqueue(anOutboxInput({ dedupeKey: 'known', message: { v: 'first' } }), NOW);
      const added = await outbox.enqueueAll(
        [
          anOutboxInput({ dedupeKey: 'a', message: { v: 'a' } }),
          anOutboxInput({ dedupeKey: 'known', message: { v: 'again' } }),
          anOutboxInput({ dedupeKey: 'b', message: { v: 'b' }, notBefore: later(60_000) }),
          anOutboxInput({ dedupeKey: 'a', message: { v: 'a twice' } }),
          anOutboxInput({ dedupeKey: 'a', schoolId: OTHER_SCHOOL, recipient: { schoolId: OTHER_SCHOOL, staffId: 's' }, message: { v: 'other school' } }),
        ],
        NOW,
      );
      expect(added).toBe(3);
      const listed = await outbox.list(SCHOOL);
      expect(listed.map((e) => [e.dedupeKey, e.message, e.status])).toEqual([
        ['known', { v: 'first' }, 'pending'],
        ['a', { v: 'a' }, 'pending'],
        ['b', { v: 'b' }, 'pending'],
      ]);
      expect(listed[0]?.id).toBe(known.entry.id);
      expect(listed.find((e) => e.dedupeKey === 'b')).toMatchObject({ nextAttemptAt: later(60_000), createdAt: NOW, attempts: 0 });
      expect((await outbox.list(OTHER_SCHOOL)).map((e) => e.message)).toEqual([{ v: 'other school' }]);
      expect(await outbox.enqueueAll([], NOW)).toBe(0);
    });

    it('enqueues 20 concurrent copies of one nudge once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => outbox.enqueue(anOutboxInput(), NOW)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
      expect(await outbox.list(SCHOOL)).toHaveLength(1);
    });
  });

  describe('claim', () => {
    it('leases ready entries, earliest nextAttemptAt first, up to the limit; later ones wait', async () => {
      await enqueue('c', later(-1 * MINUTE));
      await enqueue('a', later(-3 * MINUTE));
      await enqueue('b', later(-2 * MINUTE));
      await enqueue('at-now', NOW);
      await enqueue('quiet-hours', later(1));
      const claimed = await outbox.claim(NOW, 3, 5 * MINUTE);
      expect(keys(claimed)).toEqual(['a', 'b', 'c']);
      expect(await outbox.claim(NOW, 0, 5 * MINUTE)).toEqual([]);
      expect(claimed.every((e) => e.status === 'sending' && e.leaseUntil?.getTime() === later(5 * MINUTE).getTime())).toBe(true);
      expect(keys(await outbox.claim(NOW, 10, 5 * MINUTE))).toEqual(['at-now']);
      expect(await outbox.claim(NOW, 10, 5 * MINUTE)).toEqual([]);
      expect(keys(await outbox.claim(later(1), 10, 5 * MINUTE))).toEqual(['quiet-hours']);
    });

    it('breaks ties in the order entries were enqueued', async () => {
      for (const key of ['n1', 'n2', 'n3', 'n4']) await enqueue(key);
      expect(keys(await outbox.claim(NOW, 4, MINUTE))).toEqual(['n1', 'n2', 'n3', 'n4']);
    });

    it('does not hand out a leased entry again until the lease runs out', async () => {
      const entry = await enqueue('n1');
      await outbox.claim(NOW, 1, 5 * MINUTE);
      expect(await outbox.claim(later(5 * MINUTE - 1), 1, 5 * MINUTE)).toEqual([]);
      const again = await outbox.claim(later(5 * MINUTE), 1, 5 * MINUTE);
      expect(again.map((e) => e.id)).toEqual([entry.id]);
      expect(again[0]?.leaseUntil).toEqual(later(10 * MINUTE));
    });

    it('next tries a claimed entry when its lease runs out, in turn with entries that became ready before and after', async () => {
      const abandoned = await enqueue('abandoned', later(-10 * MINUTE));
      const [claimed] = await outbox.claim(NOW, 1, 5 * MINUTE);
      expect(claimed).toMatchObject({ id: abandoned.id, nextAttemptAt: later(5 * MINUTE), leaseUntil: later(5 * MINUTE) });
      await enqueue('ready-earlier', later(4 * MINUTE));
      await enqueue('ready-later', later(6 * MINUTE));
      expect(keys(await outbox.claim(later(10 * MINUTE), 3, MINUTE))).toEqual(['ready-earlier', 'abandoned', 'ready-later']);
    });

    it('never gives two concurrent claims the same entry', async () => {
      for (let i = 0; i < 10; i++) await enqueue(`n${i}`);
      const batches = await Promise.all(Array.from({ length: 5 }, () => outbox.claim(NOW, 4, MINUTE)));
      const ids = batches.flat().map((e) => e.id);
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
    });

    it('refuses a lease that is not positive', async () => {
      await enqueue('n1');
      await expect(outbox.claim(NOW, 1, 0)).rejects.toThrow();
    });
  });

  describe('after delivery', () => {
    it('marks a sent entry, which is never claimed again', async () => {
      const entry = await enqueue('n1');
      await outbox.claim(NOW, 1, MINUTE);
      await outbox.markSent(entry.id, later(1000));
      const [sent] = await outbox.list(SCHOOL);
      expect(sent).toMatchObject({ status: 'sent', sentAt: later(1000), leaseUntil: null, attempts: 0 });
      expect(await outbox.claim(later(60 * MINUTE), 1, MINUTE)).toEqual([]);
    });

    it('counts failed attempts and retries each at its next attempt time', async () => {
      const entry = await enqueue('n1');
      await outbox.claim(NOW, 1, MINUTE);
      await outbox.markFailed(entry.id, 'HTTP 429', later(2 * MINUTE));
      expect((await outbox.list(SCHOOL))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 429', nextAttemptAt: later(2 * MINUTE), leaseUntil: null });
      expect(await outbox.claim(later(2 * MINUTE - 1), 1, MINUTE)).toEqual([]);
      expect((await outbox.claim(later(2 * MINUTE), 1, MINUTE)).map((e) => e.id)).toEqual([entry.id]);
      await outbox.markFailed(entry.id, 'HTTP 503', later(10 * MINUTE));
      expect((await outbox.list(SCHOOL))[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
    });

    it('keeps a dead-lettered entry visible and never claims it', async () => {
      const entry = await enqueue('n1');
      await outbox.claim(NOW, 1, MINUTE);
      await outbox.deadLetter(entry.id, 'recipient not found in Teams');
      expect((await outbox.list(SCHOOL))[0]).toMatchObject({ status: 'dead', lastError: 'recipient not found in Teams', leaseUntil: null });
      expect(await outbox.claim(later(24 * 60 * MINUTE), 1, MINUTE)).toEqual([]);
    });

    it('says not found for an unknown entry', async () => {
      await enqueue('n1');
      expect(await codeOf(outbox.markSent('no-such-entry', NOW))).toBe(ErrorCode.NotFound);
      expect(await codeOf(outbox.markFailed('0123456789abcdef01234567', 'x', NOW))).toBe(ErrorCode.NotFound);
      expect(await codeOf(outbox.deadLetter('no-such-entry', 'x'))).toBe(ErrorCode.NotFound);
    });
  });

  describe('list', () => {
    it("lists one school's entries oldest first, by status and by recipient", async () => {
      const a = await enqueue('a', NOW, { recipient: { schoolId: SCHOOL, staffId: 'staff-1' } });
      await enqueue('b', NOW, { recipient: { schoolId: SCHOOL, staffId: 'staff-2' } });
      await enqueue('c', NOW, { recipient: { schoolId: SCHOOL, staffId: 'staff-1' } });
      await enqueue('z', NOW, { schoolId: OTHER_SCHOOL, recipient: { schoolId: OTHER_SCHOOL, staffId: 'staff-1' } });
      await outbox.claim(NOW, 1, MINUTE);
      await outbox.markSent(a.id, NOW);
      expect(keys(await outbox.list(SCHOOL))).toEqual(['a', 'b', 'c']);
      expect(keys(await outbox.list(SCHOOL, { status: ['pending'] }))).toEqual(['b', 'c']);
      expect(keys(await outbox.list(SCHOOL, { status: ['sent', 'dead'] }))).toEqual(['a']);
      expect(keys(await outbox.list(SCHOOL, { staffId: 'staff-1' }))).toEqual(['a', 'c']);
      expect(keys(await outbox.list(SCHOOL, { staffId: 'staff-1', status: ['pending'] }))).toEqual(['c']);
      expect(keys(await outbox.list(OTHER_SCHOOL))).toEqual(['z']);
    });

    it('orders by creation time before enqueue order', async () => {
      await outbox.enqueue(anOutboxInput({ dedupeKey: 'late' }), later(MINUTE));
      await outbox.enqueue(anOutboxInput({ dedupeKey: 'early' }), NOW);
      expect(keys(await outbox.list(SCHOOL))).toEqual(['early', 'late']);
    });

    it('hands out copies', async () => {
      const entry = await enqueue('n1');
      entry.status = 'dead';
      (await outbox.list(SCHOOL))[0]?.nextAttemptAt.setTime(0);
      expect((await outbox.list(SCHOOL))[0]).toMatchObject({ status: 'pending', nextAttemptAt: NOW });
    });
  });
}
