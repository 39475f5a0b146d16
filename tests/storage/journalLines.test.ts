import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/adapters/storage/journal/journalDatabase.ts';
import { JournalLines, decodeLine } from '../../src/adapters/storage/journal/journalLines.ts';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { stringifyTagged } from '../../src/adapters/storage/taggedJson.ts';
import type { OutboxEntry, OutboxStatus } from '../../src/ports/nudgeOutbox.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { SCHOOL, aCreate, aPlacement, anAuditInput, anOutboxInput, at } from '../contracts/factories.ts';

// A journal line is `<first 16 hex digits of the JSON's SHA-256> <JSON>`, the JSON being
// `{"changes":[...]}` with Dates tagged. Lines are now written straight into bytes, nudges and
// placement moves field by field: they must be exactly what was written before, so journals on
// disk from either side read the same.

/** The line as the journal wrote it until now: the whole commit made one string, then summed. */
function lineAsBefore(changes: readonly Change[]): string {
  const json = stringifyTagged({ changes });
  return `${createHash('sha256').update(json).digest('hex').slice(0, 16)} ${json}\n`;
}

function written(...commits: (readonly Change[])[]): string {
  const lines = new JournalLines();
  for (const changes of commits) lines.add(changes);
  return lines.bytes().toString('utf8');
}

const STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];
const anInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
// Any text at all: quotes, backslashes, control characters, letters of two and four bytes, lone surrogates.
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const aMessage = fc.record({
  kind: fc.constantFrom('attendance', 'reminder', 'approval_request'),
  schoolId: anyText,
  items: fc.array(fc.record({ subject: anyText, dueAt: fc.option(anInstant), stage: fc.constantFrom('due', 'overdue', 'escalated') }), { maxLength: 3 }),
});
const aNudge: fc.Arbitrary<OutboxEntry> = fc.record({
  schoolId: anyText,
  dedupeKey: anyText,
  recipient: fc.record({ schoolId: anyText, staffId: anyText }),
  message: aMessage,
  notBefore: anInstant,
  id: fc.uuid(),
  status: fc.constantFrom(...STATUSES),
  attempts: fc.nat(20),
  nextAttemptAt: anInstant,
  leaseUntil: fc.option(anInstant),
  lastError: fc.option(anyText),
  createdAt: anInstant,
  sentAt: fc.option(anInstant),
});
const aMove = fc.record({ schoolId: anyText, placementId: anyText, nextDueAt: fc.option(anInstant) });

describe('journal lines', () => {
  it('are byte for byte what the journal wrote before, for queued nudges and moved placements of any content', () => {
    const aCommit = fc.array(
      fc.oneof(aNudge.map((value): Change => ({ kind: 'outbox', value })), aMove.map((value): Change => ({ kind: 'nextDueAt', value }))),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.array(aCommit, { minLength: 1, maxLength: 4 }), (commits) => {
        expect(written(...commits)).toBe(commits.map(lineAsBefore).join(''));
      }),
    );
  });

  it('are what the journal wrote before for every other kind of change, and read back to the same changes', () => {
    const placement = aCreate(aPlacement({ provider: { id: 'prov-1', name: 'Café “Riverside” \\ Centre' } }));
    const commits: Change[][] = [
      [{ kind: 'placement', value: { record: placement.record, decisionKeys: [placement.idempotencyKey] } }, { kind: 'audit', value: { ...anAuditInput({ summary: 'Line\nbreak "quoted" \\ 😀' }), id: 'a-1', seq: 1 } }],
      [{ kind: 'attendance', value: { schoolId: SCHOOL, placementId: 'p-1', date: '2025-10-06', session: 'am', mark: 'present', by: 'staff-1', at: at('2025-10-06T09:10:00Z') } }],
      // A nudge not of the usual shape (no message) is written the generic way, as before.
      [{ kind: 'outbox', value: { ...anOutboxInput(), message: undefined, id: 'n-1', status: 'pending', attempts: 0, nextAttemptAt: at('2025-10-20T07:30:00Z'), leaseUntil: null, lastError: null, createdAt: at('2025-10-20T06:00:00Z'), sentAt: null } }],
    ];
    const text = written(...commits);
    expect(text).toBe(commits.map(lineAsBefore).join(''));
    const decoded = text.split('\n').slice(0, -1).map((line) => decodeLine(line, false));
    expect(decoded).toEqual(JSON.parse(JSON.stringify(commits), (_key, value: unknown) => (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value) : value)));
  });

  it('add nothing for a commit that cannot be written as JSON, keeping the lines before it', () => {
    const lines = new JournalLines();
    const nudge = (message: unknown): Change[] => [{ kind: 'outbox', value: { ...anOutboxInput({ message }), id: 'n', status: 'pending', attempts: 0, nextAttemptAt: at('2025-10-20T07:30:00Z'), leaseUntil: null, lastError: null, createdAt: at('2025-10-20T06:00:00Z'), sentAt: null } }];
    lines.add(nudge({ card: 'first' }));
    const before = lines.bytes().toString('utf8');
    expect(() => lines.add(nudge({ card: 'second', count: 1n }))).toThrow(/BigInt/);
    expect(lines.bytes().toString('utf8')).toBe(before);
    lines.add(nudge({ card: 'third' }));
    expect(lines.bytes().toString('utf8')).toBe(before + lineAsBefore(nudge({ card: 'third' })));
  });

  it('grow past their first buffer for a commit of many nudges, line intact', () => {
    const many: Change[] = Array.from({ length: 2000 }, (_, i) => ({
      kind: 'outbox',
      value: { ...anOutboxInput({ dedupeKey: `k-${i}`, message: { text: 'é😀'.repeat(20 + (i % 50)) } }), id: `n-${i}`, status: 'pending', attempts: 0, nextAttemptAt: at('2025-10-20T07:30:00Z'), leaseUntil: null, lastError: null, createdAt: at('2025-10-20T06:00:00Z'), sentAt: null },
    }));
    expect(written(many, many.slice(0, 3))).toBe(lineAsBefore(many) + lineAsBefore(many.slice(0, 3)));
  });
});

describe('a journal written line by line before', () => {
  let dataDir: string;
  let open: Stores[];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'apbot-journal-lines-'));
    open = [];
  });
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is read back whole: a sweep's nudges and moves included, and written again as the new writer writes", async () => {
    const placement = aCreate(aPlacement(), { nextDueAt: at('2025-10-06T08:00:00Z') });
    const nudges: Change[] = ['a', 'b'].map((key, i) => ({
      kind: 'outbox',
      value: { ...anOutboxInput({ dedupeKey: key }), id: `n-${i}`, status: 'pending', attempts: 0, nextAttemptAt: at('2025-10-20T07:30:00Z'), leaseUntil: null, lastError: null, createdAt: at('2025-10-20T06:00:00Z'), sentAt: null },
    }));
    const commits: Change[][] = [
      [{ kind: 'placement', value: { record: placement.record, decisionKeys: [placement.idempotencyKey] } }],
      nudges,
      [{ kind: 'nextDueAt', value: { schoolId: SCHOOL, placementId: 'p-1', nextDueAt: at('2025-10-07T08:00:00Z') } }],
    ];
    const path = join(dataDir, 'journal.jsonl');
    writeFileSync(path, commits.map(lineAsBefore).join(''), { mode: 0o600 });

    const stores = await openJournalStores({ dataDir, warn: (message) => expect.fail(message) });
    open.push(stores);
    expect((await stores.placements.get(SCHOOL, 'p-1'))?.nextDueAt).toEqual(at('2025-10-07T08:00:00Z'));
    const queued = await stores.outbox.list(SCHOOL);
    expect(queued.map((e) => [e.dedupeKey, e.notBefore, (e.message as { sentFor: Date }).sentFor])).toEqual([
      ['a', at('2025-10-20T07:30:00Z'), at('2025-10-20T08:00:00Z')],
      ['b', at('2025-10-20T07:30:00Z'), at('2025-10-20T08:00:00Z')],
    ]);
  });
});
