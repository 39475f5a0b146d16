import { describe, expect, it } from 'vitest';
import { approvalsWaitingFor, openPlacements } from '../../src/app/queries.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aPlacement } from '../fixtures/placements.ts';

// One answer for both chats: Slack's App Home and the Teams first open both list these.
describe('the part-time timetables waiting for a person’s approval', () => {
  const proposed = (id: string, ref: string, history: unknown[] = []) =>
    aPlacement({ id, kind: 'part_time_timetable', status: 'proposed', provider: undefined, pupil: { ref, initials: 'AB' }, start: '2026-03-16', end: '2026-04-24', history });

  it('are those the person still has to approve, whether or not the approval is due yet', async () => {
    const approvedByLead = proposed('P-PTT-2', 'Y8-0002', [{ type: 'approval', on: '2026-02-09', role: 'ap_lead', by: 's-aplead' }]);
    const rig = await aNudgeRig([proposed('P-PTT-1', 'Y8-0001'), approvedByLead, aPlacement({ id: 'P-OFF' })], '2026-02-10T11:00:00Z');
    const open = await openPlacements(rig.stores, rig.school, new Date('2026-02-10T11:00:00Z'));
    const waiting = (staffId: string) => approvalsWaitingFor(open, actorFor(rig.school, staffId)!).map((p) => p.id);

    expect(waiting('s-head')).toEqual(['P-PTT-1', 'P-PTT-2']);
    expect(waiting('s-aplead')).toEqual(['P-PTT-1']);
    expect(waiting('s-attendance')).toEqual([]);
  });
});
