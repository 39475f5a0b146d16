import { describe, expect, it } from 'vitest';
import { pupilRecord } from '../../src/app/queries.ts';
import { placementSummary } from '../../src/views/placementSummary.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { aDecisionDesk, MONDAY_MORNING } from '../fixtures/decisionDesk.ts';

// The desk's pupil: P-001, off-site AP for Y9-0412 (JS), active.
const newPlacement = (pupil: { ref: string; initials: string }, more: Record<string, unknown> = {}) => ({ kind: 'on_site_ap', pupil, start: '2026-03-02', ...more });
const timetable = (pupil: { ref: string; initials: string }) => ({
  pupil,
  reason: 'Phased return after a long illness absence',
  timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: [] },
  start: '2026-02-23',
  end: '2026-03-27',
  parentsAgreed: 'yes',
  planToFullTime: 'Add an afternoon every fortnight from week three',
});

async function everything(desk: Awaited<ReturnType<typeof aDecisionDesk>>) {
  return JSON.stringify({ placements: await desk.stores.placements.list(desk.school.id), audit: (await desk.stores.audit.list(desk.school.id)).filter((e) => e.outcome === 'recorded') });
}

describe('one pupil, one record', () => {
  it.each([
    ['a new placement', 'commissionPlacement', newPlacement({ ref: 'Y9-0412', initials: 'JS' })],
    ['a part-time timetable', 'proposePartTimeTimetable', timetable({ ref: 'Y9-0412', initials: 'JS' })],
    ['suspension provision', 'recordSuspension', { pupil: { ref: 'Y9-0412', initials: 'JS' }, firstDay: '2026-02-10', schoolDays: 7 }],
  ])('refuses %s for a pupil with an open placement, naming that placement, and records nothing', async (_what, decision, input) => {
    const desk = await aDecisionDesk([{}]);
    const before = await everything(desk);
    await expect(desk.run(decision === 'recordSuspension' ? 's-head' : 's-aplead', decision, undefined, input)).rejects.toThrow(/JS · Y9-0412 already has an open placement \(active since Mon 5 Jan\)\. Say "status Y9-0412"/);
    expect(await everything(desk)).toBe(before);
  });

  it.each([
    ['a new placement', 'commissionPlacement', newPlacement({ ref: 'y9-0412', initials: 'KT' }, { alongside: true })],
    ['a part-time timetable', 'proposePartTimeTimetable', { ...timetable({ ref: 'Y9-0412', initials: 'KT' }), alongside: true }],
    ['suspension provision', 'recordSuspension', { pupil: { ref: 'Y9-0412', initials: 'KT' }, firstDay: '2026-02-10', schoolDays: 7, alongside: true }],
  ])('refuses %s whose initials are not those of the pupil the reference names, even alongside', async (_what, decision, input) => {
    const desk = await aDecisionDesk([{}]);
    const before = await everything(desk);
    await expect(desk.run(decision === 'recordSuspension' ? 's-head' : 's-aplead', decision, undefined, input)).rejects.toThrow(/Pupil Y9-0412 is JS on the school's record, not KT/);
    expect(await everything(desk)).toBe(before);
  });

  it('refuses other initials for a pupil whose placements have all ended', async () => {
    const desk = await aDecisionDesk([{ status: 'ended', end: '2026-02-06' }]);
    await expect(desk.run('s-aplead', 'commissionPlacement', undefined, newPlacement({ ref: 'Y9-0412', initials: 'AB' }))).rejects.toThrow(/is JS on the school's record, not AB/);
  });

  it('opens a new placement for a pupil whose placements have ended, and one alongside an open one when asked', async () => {
    const ended = await aDecisionDesk([{ status: 'ended', end: '2026-02-06' }]);
    const again = await ended.run('s-aplead', 'commissionPlacement', undefined, newPlacement({ ref: 'Y9-0412', initials: 'JS' }));
    expect(again.record.placement).toMatchObject({ status: 'proposed', pupil: { ref: 'Y9-0412', initials: 'JS' } });

    const open = await aDecisionDesk([{}]);
    const alongside = await open.run('s-aplead', 'commissionPlacement', undefined, newPlacement({ ref: 'Y9-0412', initials: 'JS' }, { alongside: true }));
    expect(alongside.record.placement.id).not.toBe('P-001');
    expect(await open.stores.placements.list(open.school.id, { pupilRef: 'Y9-0412' })).toHaveLength(2);
  });

  it('status <ref> shows the open placement and lists every placement the pupil has had', async () => {
    const desk = await aDecisionDesk([{ id: 'P-000', status: 'ended', start: '2025-09-08', end: '2025-12-19' }, {}]);
    const { record } = await desk.run('s-aplead', 'commissionPlacement', undefined, newPlacement({ ref: 'Y9-0412', initials: 'JS' }, { alongside: true }));
    const { placement, all } = await pupilRecord(desk.stores, desk.school, 'Y9-0412');
    expect(placement.status).not.toBe('ended');
    expect(all.map((p) => p.id).sort()).toEqual(['P-000', 'P-001', record.placement.id].sort());
    const view = JSON.stringify(placementSummary(placement, desk.school, new Date(MONDAY_MORNING), actorFor(desk.school, 's-aplead')!, 0, all));
    for (const p of all) expect(view).toContain(`${p.id}: `);
    expect(view).toContain('ended');
  });
});
