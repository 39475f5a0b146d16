import { describe, expect, it } from 'vitest';
import { A_QA_VISIT, aDecisionDesk } from '../fixtures/decisionDesk.ts';

const pupil = { ref: 'Y9-0999', initials: 'ZZ', lookedAfter: true };
const provider = { id: 'PR-7', name: 'Riverside Farm' };

describe('commissioning a placement and its pre-placement checklist (000 §7)', () => {
  it('starts proposed, says what is missing, and starts once every check is ticked', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-aplead', 'commissionPlacement', undefined, { kind: 'off_site_ap', pupil, start: '2026-03-02', provider });
    const id = record.placement.id;
    expect(record.placement).toMatchObject({ status: 'proposed', kind: 'off_site_ap', version: 0 });

    await expect(desk.run('s-aplead', 'activatePlacement', id, {})).rejects.toThrow(
      /cannot start yet\. Still to do: provider registration checked; provider safeguarding confirmed; provider risk assessment; written agreement; pupil risk assessment; learning plan; parents consulted; la informed; virtual school head informed; transport arranged\./,
    );

    for (const item of ['provider_registration_checked', 'provider_safeguarding_confirmed', 'provider_risk_assessment', 'written_agreement', 'pupil_risk_assessment', 'learning_plan', 'parents_consulted', 'la_informed', 'virtual_school_head_informed', 'transport_arranged'])
      await desk.run('s-aplead', 'tickChecklistItem', id, { item });

    const { record: active } = await desk.run('s-head', 'activatePlacement', id, {});
    expect(active.placement.status).toBe('active');
    expect(active.placement.version).toBe(11);
  });

  it('records the risk assessment itself when its check is ticked, so the reminder closes', async () => {
    const desk = await aDecisionDesk([{ status: 'proposed', start: '2026-03-02' }]);
    expect(await desk.obligations()).toContain('pupil_risk_assessment:before start');
    await desk.run('s-aplead', 'tickChecklistItem', 'P-001', { item: 'pupil_risk_assessment' });
    expect(await desk.obligations()).not.toContain('pupil_risk_assessment:before start');
  });

  it('refuses a check that is not on this placement’s list, or one already ticked', async () => {
    const desk = await aDecisionDesk([{ status: 'proposed', start: '2026-03-02' }]);
    await expect(desk.run('s-aplead', 'tickChecklistItem', 'P-001', { item: 'sen_officer_informed' })).rejects.toThrow(/not on the checklist/);
    await desk.run('s-aplead', 'tickChecklistItem', 'P-001', { item: 'learning_plan' });
    await expect(desk.run('s-aplead', 'tickChecklistItem', 'P-001', { item: 'learning_plan' })).rejects.toThrow(/already ticked/);
  });

  it('needs governing body approval and the parent notice before a direction starts', async () => {
    const items = ['provider_registration_checked', 'provider_safeguarding_confirmed', 'provider_risk_assessment', 'written_agreement', 'pupil_risk_assessment', 'learning_plan', 'parents_consulted', 'la_informed', 'transport_arranged'];
    const desk = await aDecisionDesk([{ kind: 'off_site_direction', status: 'proposed', start: '2026-02-24', history: items.map((item) => ({ type: 'checklist_item', on: '2026-02-02', item })) }]);
    await expect(desk.run('s-aplead', 'activatePlacement', 'P-001', {})).rejects.toThrow(/Still to do: governing body approval; written notice to parents\./);
    await desk.run('s-governor', 'recordGovernorApproval', 'P-001', {});
    await desk.run('s-aplead', 'recordParentNotice', 'P-001', { method: 'letter' });
    expect((await desk.run('s-aplead', 'activatePlacement', 'P-001', {})).record.placement.status).toBe('active');
  });

  it('refuses an off-site placement without a provider, and dates outside the calendar', async () => {
    const desk = await aDecisionDesk();
    await expect(desk.run('s-aplead', 'commissionPlacement', undefined, { kind: 'off_site_ap', pupil, start: '2026-03-02' })).rejects.toThrow(/provider: an off-site placement needs its provider/);
    await expect(desk.run('s-aplead', 'commissionPlacement', undefined, { kind: 'on_site_ap', pupil, start: '2028-01-10' })).rejects.toThrow(/start: 2028-01-10 is outside the school calendar/);
    expect(await desk.stores.placements.list(desk.school.id)).toEqual([]);
  });
});

describe('changing and ending a placement', () => {
  it('updates the planned end and records which fields changed', async () => {
    const desk = await aDecisionDesk([{}]);
    const { record } = await desk.run('s-aplead', 'updatePlacement', 'P-001', { end: '2026-03-27' });
    expect(record.placement.end).toBe('2026-03-27');
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'updated', fields: ['end'], by: 's-aplead' });
    expect(await desk.obligations()).toContain('reintegration_meeting');
  });

  it('ends a placement with its outcome; nothing is due afterwards and nothing more can be recorded', async () => {
    const desk = await aDecisionDesk([{ end: '2026-07-22' }]);
    const { record } = await desk.run('s-aplead', 'endPlacement', 'P-001', { reason: 'specialist_provision', destination: 'Special school place', pupilView: 'Glad to move' });
    expect(record.placement).toMatchObject({ status: 'ended', end: '2026-02-09' });
    expect(await desk.obligations()).toEqual([]);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', A_QA_VISIT)).rejects.toThrow(/has ended; it can only be read/);
  });

  it('lets a safeguarding end happen at once, but a return to mainstream waits for the reintegration meeting', async () => {
    const desk = await aDecisionDesk([{}, { id: 'P-002' }]);
    await expect(desk.run('s-aplead', 'endPlacement', 'P-001', { reason: 'reintegrated' })).rejects.toThrow(/record the meeting first/);
    await desk.run('s-aplead', 'recordReintegrationMeeting', 'P-001', {});
    await expect(desk.run('s-aplead', 'endPlacement', 'P-001', { reason: 'reintegrated' })).resolves.toMatchObject({ replayed: false });
    await expect(desk.run('s-head', 'endPlacement', 'P-002', { reason: 'safeguarding' })).resolves.toMatchObject({ replayed: false });
  });
});

describe('suspensions (001 §8)', () => {
  it('creates the provision due by the sixth school day, and adds a consecutive suspension to it', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { pupil: { ref: 'Y10-0444', initials: 'CH' }, firstDay: '2026-02-02', schoolDays: 3 }, { at: '2026-02-02T09:00:00Z' });
    expect(record.placement).toMatchObject({ kind: 'suspension_provision', status: 'proposed', start: '2026-02-09' });
    expect(await desk.obligations(record.placement.id, '2026-02-02T09:00:00Z')).not.toContain('suspension_provision_start');

    await expect(desk.run('s-head', 'recordSuspension', record.placement.id, { firstDay: '2026-02-09', schoolDays: 4 }, { at: '2026-02-04T09:00:00Z' })).rejects.toThrow(/follows straight on \(the school day after 2026-02-04\)/);
    const { record: added } = await desk.run('s-head', 'recordSuspension', record.placement.id, { firstDay: '2026-02-05', schoolDays: 4 }, { at: '2026-02-04T09:00:00Z' });
    expect(added.placement.suspensions).toEqual([
      { firstDay: '2026-02-02', schoolDays: 3 },
      { firstDay: '2026-02-05', schoolDays: 4 },
    ]);
    expect(await desk.obligations(record.placement.id, '2026-02-04T09:00:00Z')).toContain('suspension_provision_start');
  });
});
