import { describe, expect, it } from 'vitest';
import { aDecisionDesk } from '../fixtures/decisionDesk.ts';
import { aSchool } from '../fixtures/school.ts';

const proposal = {
  pupil: { ref: 'Y8-0107', initials: 'AK' },
  reason: 'Phased return after a long illness absence',
  timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: [] },
  start: '2026-02-23',
  end: '2026-03-27',
  parentsAgreed: 'yes',
  planToFullTime: 'Add an afternoon every fortnight from week three',
};

describe('a part-time timetable needs both the headteacher and the AP lead (000 §9.5)', () => {
  it('anyone proposes; the first approval leaves it waiting for the other role; the second starts it', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-teacher', 'proposePartTimeTimetable', undefined, proposal);
    const id = record.placement.id;
    expect(record.placement).toMatchObject({ status: 'proposed', proposedBy: 's-teacher' });
    expect(await desk.obligations(id)).toEqual(expect.arrayContaining(['part_time_timetable_approval:headteacher', 'part_time_timetable_approval:ap_lead']));

    const first = await desk.run('s-head', 'approvePartTimeTimetable', id, {});
    expect(first.summary).toMatch(/approved by the headteacher; one approval to go/);
    expect(await desk.obligations(id)).toContain('part_time_timetable_approval:ap_lead');
    expect(await desk.obligations(id)).not.toContain('part_time_timetable_approval:headteacher');

    await expect(desk.run('s-head', 'approvePartTimeTimetable', id, {})).rejects.toThrow(/already approved/);
    const second = await desk.run('s-aplead', 'approvePartTimeTimetable', id, {});
    expect(second.record.placement.status).toBe('active');
    expect(await desk.obligations(id, '2026-02-23T09:00:00Z')).toContain('part_time_timetable_review');
  });

  it('never lets one person who holds both roles approve twice', async () => {
    const base = aSchool();
    const school = aSchool({}, { staff: [...base.config.staff, { id: 's-both', name: 'Mrs B Both', roles: ['headteacher', 'ap_lead'] }] });
    const desk = await aDecisionDesk([], school);
    const { record } = await desk.run('s-both', 'proposePartTimeTimetable', undefined, proposal);
    const once = await desk.run('s-both', 'approvePartTimeTimetable', record.placement.id, {});
    expect(once.record.placement.status).toBe('proposed');
    await expect(desk.run('s-both', 'approvePartTimeTimetable', record.placement.id, {})).rejects.toThrow(/must come from someone else/);
    const done = await desk.run('s-aplead', 'approvePartTimeTimetable', record.placement.id, {});
    expect(done.record.placement.status).toBe('active');
  });

  it('refuses a second approval in a role already given, naming who is still needed', async () => {
    const base = aSchool();
    const school = aSchool({}, { staff: [...base.config.staff, { id: 's-deputy', name: 'Mr C Deputy', roles: ['headteacher'] }] });
    const desk = await aDecisionDesk([], school);
    const { record } = await desk.run('s-aplead', 'proposePartTimeTimetable', undefined, proposal);
    await desk.run('s-head', 'approvePartTimeTimetable', record.placement.id, {});
    await expect(desk.run('s-deputy', 'approvePartTimeTimetable', record.placement.id, {})).rejects.toThrow(/the other must come from the AP lead/);
  });

  it('a decline with a reason stops it', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-teacher', 'proposePartTimeTimetable', undefined, proposal);
    await expect(desk.run('s-head', 'declinePartTimeTimetable', record.placement.id, { reason: '' })).rejects.toThrow(/reason/);
    const declined = await desk.run('s-head', 'declinePartTimeTimetable', record.placement.id, { reason: 'Full-time support in class instead' });
    expect(declined.record.placement.status).toBe('ended');
    expect(await desk.obligations(record.placement.id)).toEqual([]);
  });

  it('an extension needs both approvals again before the end moves', async () => {
    const desk = await aDecisionDesk([{ kind: 'part_time_timetable', provider: undefined, start: '2026-01-12', end: '2026-02-27', timetable: proposal.timetable }]);
    await desk.run('s-aplead', 'proposeExtension', 'P-001', { end: '2026-03-27', reason: 'Needs four more weeks to settle back in' });
    expect(await desk.obligations()).toEqual(expect.arrayContaining(['part_time_timetable_approval:headteacher', 'part_time_timetable_approval:ap_lead']));
    await desk.run('s-aplead', 'approvePartTimeTimetable', 'P-001', {});
    expect((await desk.placement()).end).toBe('2026-02-27');
    await desk.run('s-head', 'approvePartTimeTimetable', 'P-001', {});
    expect((await desk.placement()).end).toBe('2026-03-27');
    expect(await desk.obligations()).not.toContain('part_time_timetable_approval:ap_lead');
  });

  it('refuses a full-time timetable, a start already passed, and an end changed without approval', async () => {
    const desk = await aDecisionDesk([{ kind: 'part_time_timetable', provider: undefined, start: '2026-01-12', end: '2026-02-27' }]);
    const full = { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: ['am', 'pm'], fri: ['am', 'pm'] };
    await expect(desk.run('s-teacher', 'proposePartTimeTimetable', undefined, { ...proposal, timetable: full })).rejects.toThrow(/full-time timetable/);
    await expect(desk.run('s-teacher', 'proposePartTimeTimetable', undefined, { ...proposal, start: '2026-02-09' })).rejects.toThrow(/approved before it starts/);
    await expect(desk.run('s-aplead', 'updatePlacement', 'P-001', { end: '2026-03-27' })).rejects.toThrow(/propose an extension/);
  });

  it('records the parents’ agreement', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-teacher', 'proposePartTimeTimetable', undefined, proposal);
    const agreed = await desk.run('s-aplead', 'recordParentAgreement', record.placement.id, {});
    expect(agreed.record.placement.history.at(-1)).toMatchObject({ type: 'parent_agreement', on: '2026-02-09', by: 's-aplead' });
  });
});
