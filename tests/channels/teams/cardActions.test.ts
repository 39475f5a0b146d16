import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTeamsBot, actionsOf, isolateNetwork, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

const PTT = { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', timetable: { mon: ['am'], tue: ['am'] } };
const REVIEW = { placementId: 'P-001', version: 0, attendees: 'pupil,parents,provider', progress: 'Attending every session; maths improving', outcome: 'continue' };

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ placements: [{}, PTT] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

describe('card actions (Action.Execute)', () => {
  it('records a review and answers with the done card, once however often it is pressed', async () => {
    const first = await bot.press('recordReview', { ...REVIEW, actionId: 'card-1' });
    expect(first?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(first?.value)).toContain('Review held on 2026-02-09 for placement P-001 (outcome: continue)');
    expect(textOf(first?.value)).toContain('Ms R Okafor');
    expect(actionsOf(first?.value)).toEqual([]);
    const again = await bot.press('recordReview', { ...REVIEW, actionId: 'card-1' });
    expect(textOf(again?.value)).toContain('Already recorded');
    expect((await bot.placement()).history.filter((e) => e.type === 'review')).toHaveLength(1);
    expect((await bot.auditOf()).map((e) => e.action)).toEqual(['recordReview']);
  });

  it('gives the form back with the problem and what was typed when the input is wrong', async () => {
    const response = await bot.press('recordReview', { ...REVIEW, actionId: 'card-2', attendees: '', progress: 'Going well' });
    expect(response?.statusCode).toBe(200);
    expect(textOf(response?.value)).toContain('Record a placement review');
    expect(textOf(response?.value)).toMatch(/attendees/);
    expect(JSON.stringify(response?.value)).toContain('Going well');
    expect((await bot.placement()).version).toBe(0);
  });

  it('shows how the placement stands now when the card is stale', async () => {
    await bot.press('recordReview', { ...REVIEW, actionId: 'card-3' });
    const stale = await bot.press('logConcern', { placementId: 'P-001', version: 0, actionId: 'card-4', category: 'behaviour', details: 'Left the site without permission at lunch' });
    expect(textOf(stale?.value)).toContain('Someone else has updated this placement since this card was sent');
    expect(textOf(stale?.value)).toContain('Y9-0412 (JS): off site ap');
  });

  it('logs a concern, and the done card says only that one was logged', async () => {
    const done = await bot.press('logConcern', { placementId: 'P-001', version: 0, actionId: 'card-5', category: 'safeguarding', details: 'Disclosed something worrying to the provider' }, 'teacher');
    expect(textOf(done?.value)).toContain('A safeguarding concern was logged for placement P-001');
    expect(JSON.stringify(done?.value)).not.toContain('worrying');
  });

  it('ends a placement', async () => {
    const done = await bot.press('endPlacement', { placementId: 'P-001', version: 0, actionId: 'card-6', reason: 'planned_end', destination: 'Back to mainstream timetable' });
    expect(textOf(done?.value)).toContain('Placement P-001 ended on 2026-02-09 (planned end)');
    expect((await bot.placement()).status).toBe('ended');
  });

  it('commissions a placement and answers with its checklist, each check a button that ticks it', async () => {
    const done = await bot.press('commissionPlacement', { actionId: 'card-7', kind: 'off_site_ap', 'pupil.ref': 'Y10-0007', 'pupil.initials': 'KT', 'pupil.ehcp': 'true', start: '2026-03-02', 'provider.id': 'PR-9', 'provider.name': 'Hilltop Gym' });
    expect(textOf(done?.value)).toContain('Commissioned');
    const ticks = actionsOf(done?.value).filter((a) => a.verb === 'tickChecklistItem');
    expect(ticks.map((a) => (a.data.input as { item: string }).item)).toContain('sen_officer_informed');
    const tick = ticks[0];
    if (!tick) throw new Error('no checklist');
    const ticked = await bot.press('tickChecklistItem', tick.data);
    expect(textOf(ticked?.value)).toContain('☑ provider registration checked');
  });

  it('proposes a part-time timetable from the form', async () => {
    const done = await bot.press('proposePartTimeTimetable', { actionId: 'card-8', 'pupil.ref': 'Y7-0033', 'pupil.initials': 'LM', reason: 'Phased return after a long illness', timetable: 'mon.am,tue.am,wed.am', start: '2026-02-23', end: '2026-03-20' }, 'teacher');
    expect(textOf(done?.value)).toContain('Part-time timetable');
    expect(textOf(done?.value)).toContain('3 sessions a week');
  });

  it('takes both approvals of a part-time timetable, from two different leaders', async () => {
    const first = await bot.press('approvePartTimeTimetable', { placementId: 'P-002', version: 0, actionId: 'card-9' }, 'head');
    expect(textOf(first?.value)).toContain('approved by the headteacher; one approval to go');
    const second = await bot.press('approvePartTimeTimetable', { placementId: 'P-002', actionId: 'card-10' }, 'apLead');
    expect(textOf(second?.value)).toContain('approved by both');
  });

  it('declines a part-time timetable with its reason', async () => {
    const done = await bot.press('declinePartTimeTimetable', { placementId: 'P-002', version: 0, actionId: 'card-11', reason: 'Try a reduced on-site timetable first' }, 'head');
    expect(textOf(done?.value)).toContain('declined by the headteacher');
  });

  it('refuses what the role may not do, on the card, and audits it', async () => {
    const refused = await bot.press('approvePartTimeTimetable', { placementId: 'P-002', version: 0, actionId: 'card-12' }, 'teacher');
    expect(textOf(refused?.value)).toContain('You are not allowed to do that');
    expect((await bot.stores.audit.list(bot.school.id)).at(-1)).toMatchObject({ actor: 's-teacher', outcome: 'refused' });
  });

  it('snoozes a reminder', async () => {
    const done = await bot.press('snoozeNudge', { placementId: 'P-001', actionId: 'card-13', input: { obligation: 'nope' }, until: '2026-02-11', reason: 'Waiting for the provider' });
    expect(textOf(done?.value)).toContain('That reminder is no longer open.');
  });

  it('confirms attendance', async () => {
    const done = await bot.press('confirmAttendance', { placementId: 'P-001', actionId: 'card-14', input: { date: '2026-02-09', session: 'am', mark: 'present' } }, 'apLead');
    expect(textOf(done?.value)).toContain('Attendance 2026-02-09 am for placement P-001: present');
  });

  it('opens a form from a button, and shows a placement as it stands on refresh', async () => {
    expect(textOf((await bot.press('showForm', { placementId: 'P-001', form: 'recordReview' }))?.value)).toContain('Record a placement review');
    expect(textOf((await bot.press('refresh', { placementId: 'P-001' }))?.value)).toContain('Y9-0412 (JS)');
  });

  it('answers a button that no longer does anything kindly', async () => {
    expect(textOf((await bot.press('launchRockets', { placementId: 'P-001' }))?.value)).toContain('no longer does anything');
    expect(textOf((await bot.press('recordReview', { placementId: 'P-404', actionId: 'x', ...{ attendees: 'pupil', progress: 'fine really', outcome: 'continue' } }))?.value)).toContain('There is no placement P-404');
  });
});
