import { fsync, readFileSync, write } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { JournalIo } from '../../src/adapters/storage/journal/journalFile.ts';
import type { Stores } from '../../src/ports/stores.ts';
import type { StoredPlacement } from '../../src/adapters/storage/journal/journalDatabase.ts';
import { SCHOOL, aCreate, aDecision, aPlacement, anAuditInput, anOutboxInput, at } from '../contracts/factories.ts';
import { importPlacements } from '../../src/app/importPlacements.ts';
import { sweep } from '../../src/app/sweep.ts';
import { aPlacement as anExamplePlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';
import { aJournalDirPerTest } from '../fixtures/journalDir.ts';

// Many decisions at once share one write and one fsync of the journal; each is answered only once
// its own line is on disk, and a sync that fails takes back exactly the decisions it held.

const journal = aJournalDirPerTest('apbot-group-commit-');
const openStores = journal.open;

async function restart(stores: Stores): Promise<Stores> {
  await journal.close(stores);
  return openStores();
}

/** The journal's lines as written, each line's changes by kind. */
function journalLines(): { kind: string; value: Record<string, unknown> }[][] {
  const text = readFileSync(join(journal.dataDir, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line.slice(17)) as { changes: { kind: string; value: Record<string, unknown> }[] }).changes);
}

/** The file system, counting syncs; a sync may be held until the test lets it finish, or fail. */
function heldIo(options: { hold: boolean }) {
  const waiting: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  let syncs = 0;
  const io: JournalIo = {
    write,
    fsync: (fd, done) => {
      syncs++;
      const finish = (error: NodeJS.ErrnoException | null) => (error ? done(error) : fsync(fd, done));
      if (options.hold) waiting.push(finish);
      else finish(null);
    },
  };
  return {
    io,
    syncs: () => syncs,
    waiting: () => waiting.length,
    release: () => waiting.shift()?.(null),
    fail: () => waiting.shift()?.(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })),
  };
}

/** Settles to what happened to each promise, without waiting on any longer than it takes. */
function outcomes(promises: Promise<unknown>[]): { settled: () => ('done' | 'refused' | 'waiting')[] } {
  const state: ('done' | 'refused' | 'waiting')[] = promises.map(() => 'waiting');
  promises.forEach((p, i) => p.then(() => (state[i] = 'done'), () => (state[i] = 'refused')));
  return { settled: () => [...state] };
}

/** A store whose syncs wait for the test, holding one placement (its creation let through). */
async function aPlacementWithSyncsHeld() {
  const disk = heldIo({ hold: true });
  const stores = await openStores(disk.io);
  const created = stores.placements.create(aCreate());
  await vi.waitFor(() => expect(disk.waiting()).toBe(1));
  disk.release();
  return { disk, stores, record: (await created).record };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('decisions made at the same moment (group commit)', () => {
  it('share a sync, and every one is in the journal exactly once in the order it was applied, after a restart too', async () => {
    const disk = heldIo({ hold: false });
    const stores = await openStores(disk.io);
    await Promise.all(Array.from({ length: 40 }, (_, i) => stores.placements.create(aCreate(aPlacement({ id: `p-${i}` })))));
    const syncsBefore = disk.syncs();
    // Fifty decisions on fifty placements and a hundred audit entries, all at once.
    const placements = await stores.placements.list(SCHOOL);
    const decisions = placements.map((current, i) => stores.placements.applyDecision(aDecision(current, `snooze:${i}`)));
    const audits = Array.from({ length: 100 }, (_, i) => stores.audit.append(anAuditInput({ summary: `Seen ${i}`, idempotencyKey: `seen:${i}` })));
    await Promise.all([...decisions, ...audits]);
    expect(disk.syncs() - syncsBefore).toBeLessThan(5);

    // Each audit entry's seq is the order the store applied it in: the file holds them in that order, once each.
    const seqs = journalLines().flatMap((changes) => changes.filter((c) => c.kind === 'audit').map((c) => c.value.seq));
    expect(seqs).toEqual(Array.from({ length: 40 + 40 + 100 }, (_, i) => i + 1));
    // Each decision's line carries the placement as it now stands, its history as what the decision added.
    const decided = journalLines().flatMap((changes) => changes.filter((c) => c.kind === 'placementGrown'));
    expect(decided.map((c) => (c.value['stored'] as StoredPlacement).decisionKeys.length)).toEqual(Array(40).fill(2));

    const again = await restart(stores);
    expect((await again.placements.list(SCHOOL)).map((r) => r.placement.version)).toEqual(Array(40).fill(1));
    expect(await again.audit.list(SCHOOL)).toHaveLength(180);
    expect(journal.warnings).toEqual([]);
  });

  it('keeps two decisions on one placement made at once from both being recorded', async () => {
    const stores = await openStores(heldIo({ hold: false }).io);
    const { record } = await stores.placements.create(aCreate());
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => stores.placements.applyDecision(aDecision(record, `snooze:${i}`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = await restart(stores);
    expect((await after.placements.get(SCHOOL, 'p-1'))?.placement.version).toBe(1);
  });

  it('answers a decision, or its repeat, only once its line is on disk', async () => {
    const { disk, stores, record } = await aPlacementWithSyncsHeld();

    const decision = outcomes([stores.placements.applyDecision(aDecision(record, 'snooze:1'))]);
    // The same press again (Teams retries an invoke) while the first is still being synced.
    const repeat = outcomes([stores.placements.applyDecision(aDecision(record, 'snooze:1'))]);
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    await flushed();
    expect(decision.settled()).toEqual(['waiting']);
    expect(repeat.settled()).toEqual(['waiting']);
    disk.release();
    await vi.waitFor(() => expect([...decision.settled(), ...repeat.settled()]).toEqual(['done', 'done']));
  });

  it('refuses every decision in a batch whose sync fails, and those after it, keeping exactly what was answered, in memory and after a restart', async () => {
    const { disk, stores, record } = await aPlacementWithSyncsHeld();

    // Batch one is being synced while batch two gathers; batch three gathers while two is synced.
    const one = outcomes(Array.from({ length: 5 }, (_, i) => stores.audit.append(anAuditInput({ summary: `one ${i}` }))));
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    const decision = stores.placements.applyDecision(aDecision(record, 'snooze:1'));
    const two = outcomes([decision, ...Array.from({ length: 5 }, (_, i) => stores.audit.append(anAuditInput({ summary: `two ${i}` })))]);
    disk.release();
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    // Rests on the decision in batch two, not yet on disk.
    const current = await stores.placements.get(SCHOOL, 'p-1');
    expect(current?.placement.version).toBe(1);
    if (!current) throw new Error('placement missing');
    const three = outcomes([stores.placements.applyDecision(aDecision(current, 'snooze:2')), stores.audit.append(anAuditInput({ summary: 'three' }))]);
    disk.fail();
    await expect(decision).rejects.toThrow(/EIO/);
    await flushed();
    expect(one.settled()).toEqual(Array(5).fill('done'));
    expect(two.settled()).toEqual(Array(6).fill('refused'));
    expect(three.settled()).toEqual(['refused', 'refused']);

    // Memory is what was answered: the placement as created, the creation and batch one's entries.
    const answered = ['Placement created', 'one 0', 'one 1', 'one 2', 'one 3', 'one 4'];
    expect((await stores.audit.list(SCHOOL)).map((e) => e.summary)).toEqual(answered);
    expect((await stores.placements.get(SCHOOL, 'p-1'))?.placement.version).toBe(0);

    // The press tried again is recorded afresh, not taken for a repeat of the one refused.
    const retried = stores.placements.applyDecision(aDecision(record, 'snooze:1'));
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    disk.release();
    expect((await retried).replayed).toBe(false);

    const again = await restart(stores);
    expect((await again.audit.list(SCHOOL)).map((e) => [e.seq, e.summary])).toEqual(
      [...answered, 'Half-term review recorded (outcome: continue)'].map((summary, i) => [i + 1, summary]),
    );
    expect((await again.placements.get(SCHOOL, 'p-1'))?.placement.version).toBe(1);
    expect(journal.warnings).toEqual([]);
  });

  it('cuts back a batch written only in part (a full disk), so the journal stays clean for the next start', async () => {
    let full = false;
    const io: JournalIo = {
      write: (fd, buffer, offset, length, position, done) => {
        if (!full) return write(fd, buffer, offset, length, position, done);
        // Half the batch reaches the file, then the disk is full.
        if (offset === 0) return write(fd, buffer, 0, Math.floor(length / 2), position, done);
        done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 0);
      },
      fsync,
    };
    const stores = await openStores(io);
    await stores.audit.append(anAuditInput({ summary: 'kept' }));
    full = true;
    const refused = await Promise.allSettled(Array.from({ length: 3 }, (_, i) => stores.audit.append(anAuditInput({ summary: `lost ${i}` }))));
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await stores.audit.list(SCHOOL)).map((e) => e.summary)).toEqual(['kept']);
    full = false;
    await stores.audit.append(anAuditInput({ summary: 'after' }));

    const again = await restart(stores);
    expect((await again.audit.list(SCHOOL)).map((e) => e.summary)).toEqual(['kept', 'after']);
    expect(journal.warnings).toEqual([]);
  });
});

describe("a sweep's writes (a school's nudges in one line, its placements moved on in another)", () => {
  const NOW = at('2025-10-20T06:00:00Z');
  const nudges = Array.from({ length: 300 }, (_, i) => anOutboxInput({ dedupeKey: `due:${i}` }));

  async function tenPlacements(disk: ReturnType<typeof heldIo>) {
    const stores = await openStores(disk.io);
    const created = Promise.all(Array.from({ length: 10 }, (_, i) => stores.placements.create(aCreate(aPlacement({ id: `p-${i}` }), { nextDueAt: at('2025-10-20T05:00:00Z') }))));
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    disk.release();
    await created;
    const moves = (await stores.placements.list(SCHOOL)).map((r) => ({ placementId: r.placement.id, version: r.placement.version, nextDueAt: at('2025-10-21T05:00:00Z') }));
    return { stores, moves };
  }

  it('are answered only once their own line is on disk', async () => {
    const disk = heldIo({ hold: true });
    const { stores, moves } = await tenPlacements(disk);
    const queued = outcomes([stores.outbox.enqueueAll(nudges, NOW)]);
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    const moved = outcomes([stores.placements.setNextDueAts(SCHOOL, moves)]);
    await flushed();
    expect([...queued.settled(), ...moved.settled()]).toEqual(['waiting', 'waiting']);
    disk.release();
    await vi.waitFor(() => expect(queued.settled()).toEqual(['done']));
    expect(moved.settled()).toEqual(['waiting']);
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    disk.release();
    await vi.waitFor(() => expect(moved.settled()).toEqual(['done']));
  });

  it('are refused whole when their sync fails, with nothing of them left in memory or in the journal', async () => {
    const disk = heldIo({ hold: true });
    const { stores, moves } = await tenPlacements(disk);
    // Both made at once: one batch, one sync.
    const queued = stores.outbox.enqueueAll(nudges, NOW);
    const moved = stores.placements.setNextDueAts(SCHOOL, moves);
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    disk.fail();
    await expect(queued).rejects.toThrow(/EIO/);
    await expect(moved).rejects.toThrow(/EIO/);

    const asBefore = async (s: Stores) => {
      expect(await s.outbox.list(SCHOOL)).toEqual([]);
      expect((await s.placements.list(SCHOOL)).map((r) => r.nextDueAt)).toEqual(Array(10).fill(at('2025-10-20T05:00:00Z')));
    };
    await asBefore(stores);
    await asBefore(await restart(stores));
    expect(journal.warnings).toEqual([]);
  });

  it('are refused, not thrown, once the store is closed', async () => {
    const { stores, moves } = await tenPlacements(heldIo({ hold: true }));
    await journal.close(stores);
    let queued: Promise<number> | undefined;
    let moved: Promise<number> | undefined;
    expect(() => {
      queued = stores.outbox.enqueueAll(nudges, NOW);
      moved = stores.placements.setNextDueAts(SCHOOL, moves);
    }).not.toThrow();
    await expect(queued).rejects.toThrow(/closed/);
    await expect(moved).rejects.toThrow(/closed/);
  });

  it('leave every placement where it was when the nudges cannot be synced, so the next sweep queues them', async () => {
    const syncs = { hold: false };
    const disk = heldIo(syncs);
    const stores = await openStores(disk.io);
    const school = aSchool();
    await importPlacements(stores, school, [anExamplePlacement()], at('2026-01-05T08:00:00Z'), 'test');
    const before = await stores.placements.list(school.id);
    const monday = at('2026-02-09T09:00:00Z');

    syncs.hold = true;
    const swept = sweep(stores, school, monday);
    await vi.waitFor(() => expect(disk.waiting()).toBe(1));
    disk.fail();
    await expect(swept).rejects.toThrow(/EIO/);
    expect(await stores.outbox.list(school.id)).toEqual([]);
    expect(await stores.placements.list(school.id)).toEqual(before);

    syncs.hold = false;
    const { enqueued } = await sweep(stores, school, monday);
    expect(enqueued).toBeGreaterThan(0);
    expect(await stores.outbox.list(school.id)).toHaveLength(enqueued);
    expect(await stores.placements.list(school.id)).not.toEqual(before);
  });
});
