import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src/core/errors.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { aJournalDirPerTest } from '../fixtures/journalDir.ts';
import { RECENT_DECISION_KEYS } from '../../src/adapters/storage/storeRules.ts';
import { JournalLines, decodeLine } from '../../src/adapters/storage/journal/journalLines.ts';
import { SCHOOL, aCreate, aDecision, aMarkAudit, aPlacement, aSchoolConfig, anAttendanceRecord, anAuditInput, anOutboxInput, at } from '../contracts/factories.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./fixtures/decisionWriter.ts', import.meta.url));

const journal = aJournalDirPerTest('apbot-journal-');
const openStores = journal.open;
const closeStores = journal.close;

/** Everything the stores hold, read through the ports. */
async function contentsOf(stores: Stores) {
  return {
    placements: await stores.placements.list(SCHOOL),
    due: await stores.placements.listDue(SCHOOL, at('2030-01-01T00:00:00Z')),
    audit: await stores.audit.list(SCHOOL),
    outbox: await stores.outbox.list(SCHOOL),
    attendance: await stores.attendance.listForPlacement(SCHOOL, 'p-1'),
    schools: await stores.schools.versions('oakfield'),
    conversations: await stores.conversations.get(SCHOOL, 's-aplead', 'teams'),
  };
}

async function writeOneOfEverything(stores: Stores): Promise<void> {
  const created = await stores.placements.create(aCreate());
  await stores.placements.applyDecision(aDecision(created.record, 'review:1'));
  await stores.placements.create(aCreate(aPlacement({ id: 'p-2' }), { nextDueAt: null }));
  // What a sweep writes: only when each placement is next looked at.
  await stores.placements.setNextDueAts(SCHOOL, [
    { placementId: 'p-2', version: 0, nextDueAt: at('2025-10-06T08:00:00Z') },
    { placementId: 'p-1', version: 0, nextDueAt: null },
  ]);
  await stores.placements.setNextDueAt(SCHOOL, 'p-1', 1, at('2025-10-07T08:00:00Z'));
  await stores.audit.append(anAuditInput({ action: 'refused:recordReview', outcome: 'refused', actor: 'teams:29:abc' }));
  const sent = (await stores.outbox.enqueue(anOutboxInput({ dedupeKey: 'sent' }), at('2025-10-20T06:00:00Z'))).entry;
  const failed = (await stores.outbox.enqueue(anOutboxInput({ dedupeKey: 'failed' }), at('2025-10-20T06:00:00Z'))).entry;
  await stores.outbox.enqueue(anOutboxInput({ dedupeKey: 'leased' }), at('2025-10-20T06:00:00Z'));
  await stores.outbox.enqueue(anOutboxInput({ dedupeKey: 'pending', notBefore: at('2025-10-21T07:30:00Z') }), at('2025-10-20T06:00:00Z'));
  await stores.outbox.claim(at('2025-10-20T08:00:00Z'), 3, 60_000);
  await stores.outbox.markSent(sent.id, at('2025-10-20T08:00:01Z'));
  await stores.outbox.markFailed(failed.id, 'HTTP 429', at('2025-10-20T08:05:00Z'));
  const am = anAttendanceRecord();
  const pm = anAttendanceRecord({ session: 'pm', mark: 'absent_unauthorised' });
  await stores.attendance.record(am, aMarkAudit(am));
  await stores.attendance.record(pm, aMarkAudit(pm));
  await stores.schools.save('oakfield', aSchoolConfig(), at('2025-09-01T08:00:00Z'));
  await stores.schools.save('oakfield', aSchoolConfig('Oakfield Academy', 15), at('2025-09-02T08:00:00Z'));
  await stores.conversations.save(SCHOOL, 's-aplead', 'teams', { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' }, at('2025-09-02T08:00:00Z'));
}

describe('the journal stores written to a data directory', () => {
  it('find everything again after a restart, with dates as dates, and after a second restart of the compacted journal', async () => {
    const first = await openStores();
    await writeOneOfEverything(first);
    const before = await contentsOf(first);
    expect(before.outbox.map((e) => e.status)).toEqual(['sent', 'failed', 'sending', 'pending']);
    await closeStores(first);

    const second = await openStores();
    const after = await contentsOf(second);
    expect(after).toEqual(before);
    expect(after.placements[0]?.nextDueAt).toBeInstanceOf(Date);
    expect(after.outbox[2]?.leaseUntil).toBeInstanceOf(Date);
    expect((after.outbox[0]?.message as { sentFor: unknown }).sentFor).toBeInstanceOf(Date);
    // Idempotency survives the restart: the same key is a replay, the same nudge is not enqueued again.
    const current = after.placements[0];
    if (!current) throw new Error('placement missing');
    expect((await second.placements.applyDecision(aDecision({ ...current, placement: { ...current.placement, version: 0 } }, 'review:1'))).replayed).toBe(true);
    expect((await second.outbox.enqueue(anOutboxInput({ dedupeKey: 'sent' }), at('2025-10-22T06:00:00Z'))).created).toBe(false);
    expect((await second.audit.append(anAuditInput())).seq).toBe(after.audit.length + 1);
    await closeStores(second);

    const third = await openStores();
    expect((await contentsOf(third)).audit).toHaveLength(after.audit.length + 1);
    expect(journal.warnings).toEqual([]);
  });

  it('reads back a journal larger than it reads at once, lines and characters split between the pieces included', async () => {
    // Over 16 MiB (what is read at a time), in lines of many sizes, with letters of two bytes and four.
    const first = await openStores();
    const entries = Array.from({ length: 6000 }, (_, i) =>
      ({ kind: 'audit' as const, value: { ...anAuditInput({ summary: `Visited ${'é😀'.repeat(300 + (i % 977))} ${i}` }), id: `entry-${i}`, seq: i + 1 } }),
    );
    await first.backup.restore(entries);
    await closeStores(first);
    expect(readFileSync(join(journal.dataDir, 'journal.jsonl')).length).toBeGreaterThan(17 * 2 ** 20);

    const logged = await (await openStores()).audit.list(SCHOOL);
    expect(logged).toHaveLength(6000);
    expect(logged.map((e) => e.summary)).toEqual(entries.map((e) => e.value.summary));
    expect(journal.warnings).toEqual([]);
  });

  it('skips a torn last line with a warning, keeps everything before it, and leaves a clean journal', async () => {
    const first = await openStores();
    await writeOneOfEverything(first);
    const before = await contentsOf(first);
    await closeStores(first);
    appendFileSync(join(journal.dataDir, 'journal.jsonl'), '{"changes":[{"kind":"audit","value":{"schoolId":"oakfield","se');

    const second = await openStores();
    expect(await contentsOf(second)).toEqual(before);
    expect(journal.warnings).toHaveLength(1);
    expect(journal.warnings[0]).toMatch(/incomplete last line \(line \d+\)/);
    await closeStores(second);

    await openStores();
    expect(journal.warnings).toHaveLength(1);
  });

  it('refuses to start on a journal damaged before its last line', async () => {
    const first = await openStores();
    await first.audit.append(anAuditInput());
    await closeStores(first);
    const path = join(journal.dataDir, 'journal.jsonl');
    writeFileSync(path, `not json\n${readFileSync(path, 'utf8')}`);
    await expect(openStores()).rejects.toThrow(/journal .* is damaged at line 1 of 2/);
    expect(existsSync(join(journal.dataDir, 'LOCK'))).toBe(false);
  });

  it('journals a decision as what it adds: its line does not grow with the history, and restarts read the whole history back', async () => {
    const path = join(journal.dataDir, 'journal.jsonl');
    const lastLineBytes = () => Buffer.byteLength(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1) ?? '');
    let stores = await openStores();
    let { record } = (await stores.placements.create(aCreate()));
    const sizes: number[] = [];
    for (let i = 0; i < 200; i++) {
      ({ record } = await stores.placements.applyDecision(aDecision(record, `review:${1000 + i}`, { type: 'review', on: '2025-10-20', by: `staff-${i}` })));
      sizes.push(lastLineBytes());
    }
    // Each line carries one new event and the placement's other fields, whatever came before (once
    // the placement's recent decision keys, which ride with it, have reached their limit).
    const steady = sizes.slice(RECENT_DECISION_KEYS);
    expect(Math.max(...steady) - Math.min(...steady)).toBeLessThan(10);
    const before = await stores.placements.get(SCHOOL, 'p-1');
    expect(before?.placement.history.map((e) => (e.type === 'review' ? e.by : ''))).toEqual(Array.from({ length: 200 }, (_, i) => `staff-${i}`));

    // Read back, compacted, decided on again (its line going on from the history read back), read back again.
    await closeStores(stores);
    stores = await openStores();
    expect(await stores.placements.get(SCHOOL, 'p-1')).toEqual(before);
    ({ record } = await stores.placements.applyDecision(aDecision(before!, 'review:after')));
    await closeStores(stores);
    stores = await openStores();
    expect(await stores.placements.get(SCHOOL, 'p-1')).toEqual(record);
    expect(record.placement.history).toHaveLength(201);
    expect(journal.warnings).toEqual([]);
  });

  it('journals a decision whose history is a copy, not the events it holds, whole', async () => {
    const stores = await openStores();
    const { record } = await stores.placements.create(aCreate());
    const first = (await stores.placements.applyDecision(aDecision(record, 'review:1'))).record;
    const copied = structuredClone(first);
    const second = (await stores.placements.applyDecision(aDecision(copied, 'review:2', { type: 'review', on: '2025-12-01', by: 'staff-ap' }))).record;
    await closeStores(stores);
    expect(await (await openStores()).placements.get(SCHOOL, 'p-1')).toEqual(second);
    expect(second.placement.history).toHaveLength(2);
  });

  it('refuses to start on a decision that goes on from more history than its placement had', async () => {
    const stores = await openStores();
    const { record } = await stores.placements.create(aCreate());
    await stores.placements.applyDecision(aDecision(record, 'review:1'));
    await closeStores(stores);
    // The decision's line, rewritten with a checksum that matches, saying it kept events that were never there.
    const path = join(journal.dataDir, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const changes = decodeLine(lines.at(-1) ?? '', false) ?? [];
    const forged = new JournalLines();
    forged.add(changes.map((c) => (c.kind === 'placementGrown' ? { ...c, value: { ...c.value, kept: 5 } } : c)));
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n${forged.bytes().toString('utf8')}`);
    await expect(openStores()).rejects.toThrow(/placement p-1 goes on from 5 events of a history the store does not hold: the journal is damaged/);
  });

  it('cannot be opened twice at once, and can be once the first is closed', async () => {
    const first = await openStores();
    const error = await openStores().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.NotPossible, message: expect.stringMatching(/in use by another apbot process \(pid \d+\)/) });
    await first.audit.append(anAuditInput());
    await closeStores(first);
    expect(existsSync(join(journal.dataDir, 'LOCK'))).toBe(false);
    expect(await (await openStores()).audit.list(SCHOOL)).toHaveLength(1);
  });

  it('is refused while another live process holds the lock', async () => {
    writeFileSync(join(journal.dataDir, 'LOCK'), `${process.ppid}\n`);
    await expect(openStores()).rejects.toThrow(`in use by another apbot process (pid ${process.ppid})`);
    expect(readFileSync(join(journal.dataDir, 'LOCK'), 'utf8').trim()).toBe(String(process.ppid));
  });

  it('takes over a lock left by a process that is gone, or by an earlier run with our pid', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid;
    await new Promise((resolve) => child.on('exit', resolve));
    for (const stale of [deadPid, process.pid]) {
      writeFileSync(join(journal.dataDir, 'LOCK'), `${stale}\n`);
      const stores = await openStores();
      expect(JSON.parse(readFileSync(join(journal.dataDir, 'LOCK'), 'utf8'))).toMatchObject({ pid: process.pid });
      await closeStores(stores);
    }
  });

  it('loses no acknowledged decision, nor its audit entry, when the process is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, journal.dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      acknowledged.push(...lines);
      // Kill while it is writing, not between runs.
      if (acknowledged.length >= 40) child.kill('SIGKILL');
    });
    const signal = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const stores = await openStores();
    const placement = await stores.placements.get(SCHOOL, 'p-1');
    const loggedKeys = new Set((await stores.audit.list(SCHOOL)).map((e) => e.idempotencyKey));
    const recorded = new Set(placement?.placement.history.map((e) => e.by));
    for (const key of acknowledged) {
      expect(loggedKeys).toContain(key);
      expect(recorded).toContain(`staff-${key.split(':')[1]}`);
    }
    // Nothing half-applied either: each recorded decision has its audit entry.
    expect(placement?.placement.version).toBe(placement?.placement.history.length);
    expect(loggedKeys.size - 1).toBe(placement?.placement.version);
  });
});
