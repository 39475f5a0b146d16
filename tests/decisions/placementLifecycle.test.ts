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
      /cannot start yet\. Still to do: provider’s registration checked; provider’s safeguarding arrangements confirmed; provider’s risk assessment seen; written agreement with the provider signed; pupil’s risk assessment done; learning plan agreed; parents or carers consulted; local authority told; virtual school head told; transport arranged\./,
    );

    for (const item of ['provider_registration_checked', 'provider_safeguarding_confirmed', 'provider_risk_assessment', 'written_agreement', 'pupil_risk_assessment', 'learning_plan', 'parents_consulted', 'la_informed', 'virtual_school_head_informed', 'transport_arranged'])
      await desk.run('s-aplead', 'tickChecklistItem', id, { item });

    const { record: active } = await desk.run('s-head', 'activatePlacement', id, {});
    expect(active.placement.status).toBe('active');
    expect(active.placement.version).toBe(11);
  });

  it('lets only the headteacher start it with checks outstanding, and only with the reason, kept with what was outstanding', async () => {
    const desk = await aDecisionDesk([{ status: 'proposed', start: '2026-02-09', history: [{ type: 'checklist_item', on: '2026-02-02', item: 'learning_plan' }] }]);
    await expect(desk.run('s-aplead', 'activatePlacement', 'P-001', { reason: 'The pupil cannot wait another week' })).rejects.toThrow(/cannot start yet/);
    await expect(desk.run('s-head', 'activatePlacement', 'P-001', {})).rejects.toThrow(/To start it anyway, give the reason/);
    expect((await desk.placement()).status).toBe('proposed');
    const { record } = await desk.run('s-head', 'activatePlacement', 'P-001', { reason: 'Excluded from the previous setting; the farm has a place today' });
    expect(record.placement.status).toBe('active');
    expect(record.placement.history.at(-1)).toMatchObject({
      type: 'activated',
      by: 's-head',
      reason: 'Excluded from the previous setting; the farm has a place today',
      outstanding: expect.arrayContaining(['pupil’s risk assessment done', 'transport arranged']),
    });
  });

  it('a placement not started by its planned start is a duty; once started, its own duties appear', async () => {
    const desk = await aDecisionDesk([{ status: 'proposed', start: '2026-02-05' }]);
    expect(await desk.obligations()).toContain('placement_start');
    expect(await desk.obligations()).not.toContain('attendance_confirmation:2026-02-09 am');
    await desk.run('s-head', 'activatePlacement', 'P-001', { reason: 'Provider confirmed everything by phone; paperwork follows' });
    const after = await desk.obligations();
    expect(after).not.toContain('placement_start');
    expect(after).toContain('attendance_confirmation:2026-02-09 am');
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
  const pupil = { ref: 'Y10-0444', initials: 'CH' };

  it('creates the provision due by the sixth school day, and adds a consecutive suspension to it', async () => {
    const desk = await aDecisionDesk();
    // Mon 2 Feb for six school days: the sixth is Mon 9 Feb.
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { pupil, firstDay: '2026-02-02', schoolDays: 6 }, { at: '2026-02-02T09:00:00Z' });
    expect(record.placement).toMatchObject({ kind: 'suspension_provision', status: 'proposed', start: '2026-02-09' });
    expect(await desk.obligations(record.placement.id, '2026-02-02T09:00:00Z')).toContain('suspension_provision_start');

    await expect(desk.run('s-head', 'recordSuspension', record.placement.id, { firstDay: '2026-02-11', schoolDays: 4 }, { at: '2026-02-04T09:00:00Z' })).rejects.toThrow(/follows straight on \(the school day after 2026-02-09\)/);
    const { record: added } = await desk.run('s-head', 'recordSuspension', record.placement.id, { firstDay: '2026-02-10', schoolDays: 2 }, { at: '2026-02-04T09:00:00Z' });
    expect(added.placement.suspensions).toEqual([
      { firstDay: '2026-02-02', schoolDays: 6 },
      { firstDay: '2026-02-10', schoolDays: 2 },
    ]);
  });

  it.each([
    { when: 'one suspension of five school days', input: { firstDay: '2026-03-02', schoolDays: 5 }, total: 5 },
    { when: 'three days following straight on from two (Thu 26 and Fri 27 Feb, then Mon 2 Mar)', input: { firstDay: '2026-03-02', schoolDays: 3, earlierSuspensions: [{ firstDay: '2026-02-26', schoolDays: 2 }] }, total: 5 },
    { when: 'a single day', input: { firstDay: '2026-03-02', schoolDays: 1 }, total: 1 },
  ])('makes no provision placement for $when', async ({ input, total }) => {
    const desk = await aDecisionDesk();
    await expect(desk.run('s-head', 'recordSuspension', undefined, { pupil, ...input }, { at: '2026-03-02T09:00:00Z' })).rejects.toThrow(
      new RegExp(`${total} school days of suspension need no provision`),
    );
    expect(await desk.stores.placements.list(desk.school.id)).toEqual([]);
  });

  it('adds up suspensions that follow straight on, from the first of them', async () => {
    const desk = await aDecisionDesk();
    // Thu 26 Feb (day 1), Fri 27 (2), then from Mon 2 Mar (3), Tue 3 (4), Wed 4 (5): the sixth is Thu 5 Mar.
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { pupil, firstDay: '2026-03-02', schoolDays: 4, earlierSuspensions: [{ firstDay: '2026-02-26', schoolDays: 2 }] }, { at: '2026-03-02T09:00:00Z' });
    expect(record.placement).toMatchObject({ start: '2026-03-05', suspensions: [{ firstDay: '2026-02-26', schoolDays: 2 }, { firstDay: '2026-03-02', schoolDays: 4 }] });
    await expect(desk.run('s-head', 'recordSuspension', undefined, { pupil, firstDay: '2026-03-03', schoolDays: 4, earlierSuspensions: [{ firstDay: '2026-02-26', schoolDays: 2 }] }, { at: '2026-03-02T10:00:00Z' })).rejects.toThrow(/follows straight on \(the school day after 2026-02-27\)/);
  });

  it.each([
    { when: 'planned for the eighth school day of a suspension that began on Monday 2 Mar', provisionStart: '2026-03-11', message: /planned start Wed 11 Mar is after the sixth school day, Mon 9 Mar/ },
    { when: 'planned for the day after the sixth', provisionStart: '2026-03-10', message: /planned start Tue 10 Mar is after the sixth school day, Mon 9 Mar/ },
  ])('asks for a reason when the provision is $when', async ({ provisionStart, message }) => {
    const desk = await aDecisionDesk();
    const input = { pupil, firstDay: '2026-03-02', schoolDays: 10, provisionStart };
    await expect(desk.run('s-head', 'recordSuspension', undefined, input, { at: '2026-03-02T09:00:00Z' })).rejects.toThrow(message);
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { ...input, lateStartReason: 'The only place with room' }, { at: '2026-03-02T09:00:00Z' });
    expect(record.placement).toMatchObject({ start: provisionStart, lateStartReason: 'The only place with room' });
  });

  it('asks for a reason when provision planned in time is moved past the sixth school day', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { pupil, firstDay: '2026-03-02', schoolDays: 10 }, { at: '2026-03-02T09:00:00Z' });
    const id = record.placement.id;
    await expect(desk.run('s-head', 'updatePlacement', id, { start: '2026-03-10' }, { at: '2026-03-03T09:00:00Z' })).rejects.toThrow(/planned start Tue 10 Mar is after the sixth school day, Mon 9 Mar/);
    const { record: moved } = await desk.run('s-head', 'updatePlacement', id, { start: '2026-03-10', lateStartReason: 'Transport starts Tuesday' }, { at: '2026-03-03T09:00:00Z' });
    expect(moved.placement).toMatchObject({ start: '2026-03-10', lateStartReason: 'Transport starts Tuesday' });
    await desk.run('s-head', 'updatePlacement', id, { start: '2026-03-06' }, { at: '2026-03-03T10:00:00Z' });
  });

  it('needs no reason for provision planned by the sixth school day', async () => {
    const desk = await aDecisionDesk();
    const { record } = await desk.run('s-head', 'recordSuspension', undefined, { pupil, firstDay: '2026-03-02', schoolDays: 10, provisionStart: '2026-03-09' }, { at: '2026-03-02T09:00:00Z' });
    expect(record.placement.start).toBe('2026-03-09');
  });
});
