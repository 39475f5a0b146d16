import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { auditKeyFilter, modelsOf, pendingAuditFilter, pendingMarkAuditFilter } from '../../src/adapters/storage/mongo/models.ts';
import { CLAIM_ORDER, readyFilter } from '../../src/adapters/storage/mongo/mongoNudgeOutbox.ts';
import { DUE_ORDER, dueFilter } from '../../src/adapters/storage/mongo/mongoPlacementStore.ts';
import { fallsInsidePartialFilter, servesFilterAndSort, type IndexDefinition } from './fixtures/indexFit.ts';

// The models compile without a server: these check the hot queries against the indexes declared
// beside them. The query plans themselves are checked on a real server in mongo.test.ts.
const models = modelsOf(mongoose.createConnection());
const indexesOf = (model: { schema: mongoose.Schema }) => model.schema.indexes() as IndexDefinition[];
const NOW = new Date('2026-02-09T09:00:00Z');

describe('the indexes behind the hot MongoDB queries', () => {
  it('looks an audit entry up by its key inside the unique partial index, which the planner can then use', () => {
    const query = auditKeyFilter('oakfield', 'teams:act-1:staff-dsl');
    const [keys, options] = indexesOf(models.audit).find(([k]) => 'idempotencyKey' in k) ?? [];
    expect(keys).toEqual({ schoolId: 1, idempotencyKey: 1 });
    expect(options?.unique).toBe(true);
    expect(options?.partialFilterExpression).toEqual({ idempotencyKey: { $type: 'string' } });
    expect(fallsInsidePartialFilter(query, options?.partialFilterExpression ?? {})).toBe(true);
    expect(servesFilterAndSort(keys ?? {}, query, {})).toBe(true);
    // The bare equality the log used before is not provably inside the filter.
    expect(fallsInsidePartialFilter({ schoolId: 'oakfield', idempotencyKey: 'teams:act-1:staff-dsl' }, options?.partialFilterExpression ?? {})).toBe(false);
  });

  it('finds the placements with an audit entry pending inside the partial index that holds only them', () => {
    const query = pendingAuditFilter('oakfield');
    const [keys, options] = indexesOf(models.placements).find(([k]) => 'pendingAudits.idempotencyKey' in k) ?? [];
    expect(keys).toEqual({ schoolId: 1, 'pendingAudits.idempotencyKey': 1 });
    expect(fallsInsidePartialFilter(query, options?.partialFilterExpression ?? {})).toBe(true);
    expect(servesFilterAndSort(keys ?? {}, { schoolId: query.schoolId }, {})).toBe(true);
  });

  it('finds the attendance marks with an audit entry pending inside the partial index that holds only them', () => {
    const query = pendingMarkAuditFilter('oakfield');
    const [keys, options] = indexesOf(models.attendance).find(([, o]) => o.partialFilterExpression !== undefined) ?? [];
    expect(keys).toEqual({ schoolId: 1, 'pendingAudit.at': 1 });
    expect(fallsInsidePartialFilter(query, options?.partialFilterExpression ?? {})).toBe(true);
    expect(servesFilterAndSort(keys ?? {}, { schoolId: query.schoolId }, {})).toBe(true);
  });

  it("reads a school's due placements in order from one index, with no sort in memory", () => {
    const serving = indexesOf(models.placements).filter(([keys]) => servesFilterAndSort(keys, dueFilter('oakfield', NOW), DUE_ORDER));
    expect(serving.map(([keys]) => keys)).toEqual([{ schoolId: 1, nextDueAt: 1, _id: 1 }]);
    // The index the sort could not use is not enough.
    expect(servesFilterAndSort({ schoolId: 1, nextDueAt: 1 }, dueFilter('oakfield', NOW), DUE_ORDER)).toBe(false);
  });

  it('claims the next ready outbox entry from one index, with no sort in memory', () => {
    const serving = indexesOf(models.outbox).filter(([keys]) => servesFilterAndSort(keys, readyFilter(NOW), CLAIM_ORDER));
    expect(serving.map(([keys]) => keys)).toEqual([{ status: 1, nextAttemptAt: 1, createdAt: 1, _id: 1 }]);
    expect(servesFilterAndSort({ status: 1, nextAttemptAt: 1 }, readyFilter(NOW), CLAIM_ORDER)).toBe(false);
  });
});
