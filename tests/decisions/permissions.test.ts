import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import { AppError } from '../../src/core/errors.ts';
import type { Role } from '../../src/core/policy/roles.ts';
import { aDecisionDesk } from '../fixtures/decisionDesk.ts';
import { EXPECTED_ALLOWED, offSite, SAMPLES, STAFF_BY_ROLE, type Sample } from '../fixtures/permissionMatrix.ts';

const cases = [...DECISIONS.keys()].flatMap((decision) =>
  (Object.keys(STAFF_BY_ROLE) as Role[]).map((role) => ({ decision, role, allowed: EXPECTED_ALLOWED[decision]?.includes(role) ?? false })),
);

describe('who may record what', () => {
  it('has a sample and an expectation for every decision', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...DECISIONS.keys()].sort());
    expect(Object.keys(EXPECTED_ALLOWED).sort()).toEqual([...DECISIONS.keys()].sort());
  });

  it.each(cases)('$decision as $role: allowed $allowed', async ({ decision, role, allowed }) => {
    const sample = SAMPLES[decision] as Sample;
    const desk = await aDecisionDesk(sample.placement ? [sample.placement] : []);
    const input = typeof sample.input === 'function' ? sample.input(role) : sample.input;
    const before = sample.placement ? await desk.placement() : undefined;
    const placementId = sample.placement ? 'P-001' : undefined;
    const attempt = desk.run(STAFF_BY_ROLE[role], decision, placementId, input);

    if (allowed) {
      const result = await attempt;
      expect(result.replayed).toBe(false);
      const entries = await desk.stores.audit.list(desk.school.id, { actor: STAFF_BY_ROLE[role] });
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([[decision, 'recorded']]);
      return;
    }
    await expect(attempt).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'not_allowed');
    if (before) expect(await desk.placement()).toEqual(before);
    expect(await desk.stores.placements.list(desk.school.id)).toHaveLength(sample.placement ? 1 : 0);
    expect(await desk.stores.attendance.listForDate(desk.school.id, '2026-02-09')).toEqual([]);
    const entries = await desk.stores.audit.list(desk.school.id, { actor: STAFF_BY_ROLE[role] });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([[`refused:${decision}`, 'refused']]);
  });

  it('follows a school that changes who may do something', async () => {
    const { aSchool } = await import('../fixtures/school.ts');
    const school = aSchool({}, { permissions: { recordQaVisit: ['dsl'] } });
    const desk = await aDecisionDesk([offSite], school);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', SAMPLES['recordQaVisit']?.input)).rejects.toThrow(/not allowed/);
    await expect(desk.run('s-dsl', 'recordQaVisit', 'P-001', SAMPLES['recordQaVisit']?.input)).resolves.toMatchObject({ replayed: false });
  });
});
