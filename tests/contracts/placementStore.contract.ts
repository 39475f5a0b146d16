import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src/core/errors.ts';
import type { AuditLog } from '../../src/ports/auditLog.ts';
import type { DecisionResult, PlacementStore } from '../../src/ports/placementStore.ts';
import { OTHER_SCHOOL, SCHOOL, aCreate, aDecision, aPlacement, at, codeOf, type ContractFactory } from './factories.ts';

export interface PlacementStoreUnderTest {
  placements: PlacementStore;
  /** The audit log the store writes decisions to. */
  audit: AuditLog;
}

/** The behaviour every PlacementStore adapter shares. */
export function placementStoreContract(factory: ContractFactory<PlacementStoreUnderTest>): void {
  let placements: PlacementStore;
  let audit: AuditLog;

  beforeEach(async () => {
    ({ placements, audit } = await factory.create());
  });
  afterEach(async () => {
    await factory.cleanup?.();
  });

  const auditKeys = async () => (await audit.list(SCHOOL)).map((e) => e.idempotencyKey);

  describe('create', () => {
    it('stores a new placement at version 0 with its next due instant, and audits it', async () => {
      const input = aCreate(aPlacement({ timetable: { mon: ['am'], tue: [], wed: [], thu: [], fri: [] } }));
      const result = await placements.create(input);
      expect(result).toEqual({ record: input.record, replayed: false });
      const stored = await placements.get(SCHOOL, 'p-1');
      expect(stored).toEqual(input.record);
      expect(stored?.nextDueAt).toBeInstanceOf(Date);
      expect(stored?.placement.version).toBe(0);
      const entries = await audit.list(SCHOOL);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'createPlacement', placementId: 'p-1', idempotencyKey: input.idempotencyKey });
    });

    it('keeps a placement with nothing open (nextDueAt null)', async () => {
      await placements.create(aCreate(aPlacement(), { nextDueAt: null }));
      expect((await placements.get(SCHOOL, 'p-1'))?.nextDueAt).toBeNull();
    });

    it('records a repeated create with the same key once and says it was replayed', async () => {
      const input = aCreate();
      await placements.create(input);
      const again = await placements.create(input);
      expect(again.replayed).toBe(true);
      expect(again.record).toEqual(input.record);
      expect(await auditKeys()).toEqual([input.idempotencyKey]);
    });

    it('refuses a second placement with the same id in the school as a duplicate', async () => {
      await placements.create(aCreate());
      const other = aCreate(aPlacement({ kind: 'part_time_timetable' }), { idempotencyKey: 'another-key' });
      expect(await codeOf(placements.create(other))).toBe(ErrorCode.Duplicate);
      expect((await placements.get(SCHOOL, 'p-1'))?.placement.kind).toBe('off_site_ap');
    });

    it('lets another school use the same placement id', async () => {
      await placements.create(aCreate());
      await placements.create(aCreate(aPlacement({ kind: 'flexi_schooling' }), { schoolId: OTHER_SCHOOL }));
      expect((await placements.get(SCHOOL, 'p-1'))?.placement.kind).toBe('off_site_ap');
      expect((await placements.get(OTHER_SCHOOL, 'p-1'))?.placement.kind).toBe('flexi_schooling');
    });

    it('rejects a new placement that does not start at version 0', async () => {
      await expect(placements.create(aCreate(aPlacement({ version: 3 })))).rejects.toThrow();
      expect(await placements.get(SCHOOL, 'p-1')).toBeUndefined();
    });
  });

  describe('get', () => {
    it('finds nothing for an unknown id or in another school', async () => {
      await placements.create(aCreate());
      expect(await placements.get(SCHOOL, 'p-404')).toBeUndefined();
      expect(await placements.get(OTHER_SCHOOL, 'p-1')).toBeUndefined();
    });

    it("cannot be changed through what it returns or what was passed in: a change is refused or touches only the caller's copy", async () => {
      const input = aCreate();
      await placements.create(input);
      input.record.placement.history.push({ type: 'review', on: '2025-09-20' });
      const first = await placements.get(SCHOOL, 'p-1');
      if (!first) throw new Error('placement missing');
      // A store may hand out a copy (changed freely) or the record itself, frozen (the change throws).
      const tryTo = (change: () => void) => {
        try {
          change();
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      };
      tryTo(() => first.placement.history.push({ type: 'qa_visit', on: '2025-09-21' }));
      tryTo(() => Object.assign(first.placement, { status: 'ended' }));
      tryTo(() => Object.assign(first.placement.pupil, { ref: 'PUP-999' }));
      first.nextDueAt?.setTime(0);
      first.nextDueAt = null;
      const second = await placements.get(SCHOOL, 'p-1');
      expect(second?.placement.history).toEqual([]);
      expect(second?.placement.status).toBe(input.record.placement.status);
      expect(second?.placement.pupil.ref).toBe('PUP-001');
      expect(second?.nextDueAt).toEqual(at('2025-10-01T08:00:00Z'));
      const [listed] = await placements.listDue(SCHOOL, at('2025-10-02T00:00:00Z'));
      listed?.nextDueAt?.setTime(0);
      expect((await placements.list(SCHOOL))[0]?.nextDueAt).toEqual(at('2025-10-01T08:00:00Z'));
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      await placements.create(aCreate(aPlacement({ id: 'p-3', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'PUP-003', initials: 'CD' }, provider: undefined })));
      await placements.create(aCreate(aPlacement({ id: 'p-1' })));
      await placements.create(aCreate(aPlacement({ id: 'p-2', status: 'ended', provider: { id: 'prov-2', name: 'Hillside Tuition' } })));
      await placements.create(aCreate(aPlacement({ id: 'p-0' }), { schoolId: OTHER_SCHOOL }));
    });
    const ids = (records: { placement: { id: string } }[]) => records.map((r) => r.placement.id);

    it("lists one school's placements by id", async () => {
      expect(ids(await placements.list(SCHOOL))).toEqual(['p-1', 'p-2', 'p-3']);
      expect(ids(await placements.list(OTHER_SCHOOL))).toEqual(['p-0']);
      expect(await placements.list('no-such-school')).toEqual([]);
    });

    it('filters by status, kind, pupil and provider, and by all of them at once', async () => {
      expect(ids(await placements.list(SCHOOL, { status: ['active', 'proposed'] }))).toEqual(['p-1', 'p-3']);
      expect(ids(await placements.list(SCHOOL, { status: [] }))).toEqual([]);
      expect(ids(await placements.list(SCHOOL, { kind: ['part_time_timetable'] }))).toEqual(['p-3']);
      expect(ids(await placements.list(SCHOOL, { pupilRef: 'PUP-001' }))).toEqual(['p-1', 'p-2']);
      expect(ids(await placements.list(SCHOOL, { providerId: 'prov-2' }))).toEqual(['p-2']);
      expect(ids(await placements.list(SCHOOL, { status: ['ended'], kind: ['off_site_ap'], pupilRef: 'PUP-001', providerId: 'prov-1' }))).toEqual([]);
      expect(ids(await placements.list(SCHOOL, { status: ['active'], kind: ['off_site_ap'], pupilRef: 'PUP-001', providerId: 'prov-1' }))).toEqual(['p-1']);
    });
  });

  describe('listDue', () => {
    it('reads placements due at or before the instant, earliest first then by id, skipping those with nothing open', async () => {
      const due = [
        ['p-4', '2025-10-03T08:00:00Z'],
        ['p-2', '2025-10-01T08:00:00Z'],
        ['p-1', '2025-10-01T08:00:00Z'],
        ['p-3', '2025-10-02T08:00:00Z'],
        ['p-5', '2025-10-02T08:00:00.001Z'],
      ] as const;
      for (const [id, when] of due) await placements.create(aCreate(aPlacement({ id }), { nextDueAt: at(when) }));
      await placements.create(aCreate(aPlacement({ id: 'p-6' }), { nextDueAt: null }));
      await placements.create(aCreate(aPlacement({ id: 'p-7' }), { schoolId: OTHER_SCHOOL, nextDueAt: at('2025-09-01T00:00:00Z') }));

      const result = await placements.listDue(SCHOOL, at('2025-10-02T08:00:00Z'));
      expect(result.map((r) => r.placement.id)).toEqual(['p-1', 'p-2', 'p-3']);
      expect(result[0]?.nextDueAt).toEqual(at('2025-10-01T08:00:00Z'));
    });
  });

  describe('setNextDueAt', () => {
    it('moves when a sweep next looks, without touching the placement, only at the version given', async () => {
      await placements.create(aCreate(aPlacement({ id: 'p-1' }), { nextDueAt: at('2025-10-01T08:00:00Z') }));
      const before = await placements.get(SCHOOL, 'p-1');
      expect(await placements.setNextDueAt(SCHOOL, 'p-1', 0, at('2025-10-05T00:00:00Z'))).toBe(true);
      expect(await placements.listDue(SCHOOL, at('2025-10-04T00:00:00Z'))).toEqual([]);
      const after = await placements.get(SCHOOL, 'p-1');
      expect(after).toEqual({ ...before, nextDueAt: at('2025-10-05T00:00:00Z') });
      expect(await placements.setNextDueAt(SCHOOL, 'p-1', 3, null)).toBe(false);
      expect(await placements.setNextDueAt(SCHOOL, 'p-404', 0, null)).toBe(false);
      expect((await placements.get(SCHOOL, 'p-1'))?.nextDueAt).toEqual(at('2025-10-05T00:00:00Z'));
    });

    it('moves many placements at once, each only at the version given, and says how many moved', async () => {
      for (const id of ['p-1', 'p-2', 'p-3']) await placements.create(aCreate(aPlacement({ id }), { nextDueAt: at('2025-10-01T08:00:00Z') }));
      await placements.create(aCreate(aPlacement({ id: 'p-1' }), { schoolId: OTHER_SCHOOL, nextDueAt: at('2025-10-01T08:00:00Z') }));
      const moved = await placements.setNextDueAts(SCHOOL, [
        { placementId: 'p-1', version: 0, nextDueAt: at('2025-10-06T00:00:00Z') },
        { placementId: 'p-2', version: 4, nextDueAt: at('2025-10-06T00:00:00Z') },
        { placementId: 'p-3', version: 0, nextDueAt: null },
        { placementId: 'p-404', version: 0, nextDueAt: null },
      ]);
      expect(moved).toBe(2);
      const nextDue = async (schoolId: string, id: string) => (await placements.get(schoolId, id))?.nextDueAt;
      expect(await nextDue(SCHOOL, 'p-1')).toEqual(at('2025-10-06T00:00:00Z'));
      expect(await nextDue(SCHOOL, 'p-2')).toEqual(at('2025-10-01T08:00:00Z'));
      expect(await nextDue(SCHOOL, 'p-3')).toBeNull();
      expect(await nextDue(OTHER_SCHOOL, 'p-1')).toEqual(at('2025-10-01T08:00:00Z'));
      expect(await placements.setNextDueAts(SCHOOL, [])).toBe(0);
    });
  });

  describe('applyDecision', () => {
    beforeEach(async () => {
      await placements.create(aCreate());
    });
    const current = async () => {
      const record = await placements.get(SCHOOL, 'p-1');
      if (!record) throw new Error('placement p-1 is missing');
      return record;
    };

    it('writes the new state and version, moves nextDueAt, and audits it under the key', async () => {
      const write = aDecision(await current(), 'review:staff-dsl:1', undefined, at('2025-12-01T08:00:00Z'));
      const result = await placements.applyDecision(write);
      expect(result.replayed).toBe(false);
      expect(result.record.placement.version).toBe(1);
      const stored = await current();
      expect(stored).toEqual(result.record);
      expect(stored.placement.history).toEqual([{ type: 'review', on: '2025-10-20', by: 'staff-dsl' }]);
      expect(stored.nextDueAt).toEqual(at('2025-12-01T08:00:00Z'));
      expect(await placements.listDue(SCHOOL, at('2025-11-30T00:00:00Z'))).toEqual([]);
      expect(await auditKeys()).toEqual(['create:oakfield:p-1', 'review:staff-dsl:1']);
      // Both entries were written with their decisions: nothing is left for the sweep.
      expect(await placements.completeAudits(SCHOOL)).toBe(0);
      expect(await auditKeys()).toEqual(['create:oakfield:p-1', 'review:staff-dsl:1']);
    });

    it('refuses a decision worked out from an older version, changing nothing', async () => {
      const stale = await current();
      await placements.applyDecision(aDecision(stale, 'first'));
      const error = await placements.applyDecision(aDecision(stale, 'second', { type: 'qa_visit', on: '2025-10-21' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: ErrorCode.Conflict, message: 'This placement changed meanwhile; please try again.' });
      expect((await current()).placement.history.map((e) => e.type)).toEqual(['review']);
      expect(await auditKeys()).toEqual(['create:oakfield:p-1', 'first']);
    });

    it('records the same key once, returns the state, and says it was replayed', async () => {
      const write = aDecision(await current(), 'double-click');
      const first = await placements.applyDecision(write);
      const second = await placements.applyDecision(write);
      expect(second).toEqual({ record: first.record, replayed: true });
      expect((await current()).placement.version).toBe(1);
      expect(await auditKeys()).toEqual(['create:oakfield:p-1', 'double-click']);
    });

    it('replays an old key even after later decisions, rather than calling it a conflict', async () => {
      const firstWrite = aDecision(await current(), 'a');
      await placements.applyDecision(firstWrite);
      await placements.applyDecision(aDecision(await current(), 'b'));
      const again = await placements.applyDecision(firstWrite);
      expect(again.replayed).toBe(true);
      expect(again.record.placement.version).toBe(2);
    });

    it('says not found for a placement that does not exist', async () => {
      const write = { ...aDecision(await current(), 'k'), placementId: 'p-404' };
      write.placement = { ...write.placement, id: 'p-404' };
      expect(await codeOf(placements.applyDecision(write))).toBe(ErrorCode.NotFound);
      expect(await codeOf(placements.applyDecision({ ...aDecision(await current(), 'k'), schoolId: OTHER_SCHOOL }))).toBe(ErrorCode.NotFound);
    });

    it('rejects a new state whose version is not the expected one plus one', async () => {
      const write = aDecision(await current(), 'k');
      await expect(placements.applyDecision({ ...write, placement: { ...write.placement, version: 5 } })).rejects.toThrow();
      expect((await current()).placement.version).toBe(0);
    });

    it('records 20 concurrent decisions with distinct keys when each retries on a conflict', async () => {
      const decide = async (i: number): Promise<DecisionResult> => {
        for (;;) {
          const write = aDecision(await current(), `welfare:${i}`, { type: 'welfare_check', on: '2025-10-20', by: `staff-${i}` });
          try {
            return await placements.applyDecision(write);
          } catch (error) {
            if (!(error instanceof AppError && error.code === ErrorCode.Conflict)) throw error;
          }
        }
      };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => decide(i)));
      expect(results.every((r) => !r.replayed)).toBe(true);
      const stored = await current();
      expect(stored.placement.version).toBe(20);
      expect(stored.placement.history.map((e) => e.by).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `staff-${i}`).sort());
      const keys = (await auditKeys()).filter((k) => k?.startsWith('welfare:'));
      expect(new Set(keys).size).toBe(20);
      expect(keys).toHaveLength(20);
    });

    it('records 20 concurrent decisions with one key exactly once', async () => {
      const write = aDecision(await current(), 'same-click');
      const results = await Promise.all(Array.from({ length: 20 }, () => placements.applyDecision(write)));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(results.every((r) => r.record.placement.version === 1)).toBe(true);
      expect((await current()).placement.history).toHaveLength(1);
      expect((await auditKeys()).filter((k) => k === 'same-click')).toHaveLength(1);
    });
  });
}
