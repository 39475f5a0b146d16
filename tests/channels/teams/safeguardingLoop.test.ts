import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../../../src/app/deliver.ts';
import { dueFor } from '../../../src/app/queries.ts';
import { actorFor } from '../../../src/core/decisions/decision.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { actionsOf, anInstall, cardOf, FOLLOWED_UP_NO_CONTACT, type TeamsBot, teamsBots, textOf } from './teamsHarness.ts';

const openBot = teamsBots();
let bot: TeamsBot;

/** Delivers what decisions queued (the DSL's alert, an approval request) through the Teams channel. */
const deliverOutbox = () => deliver(bot.stores.outbox, [bot.school], [bot.teams.channel], () => new Date(MONDAY_MORNING), { ...DEFAULT_DELIVER_OPTIONS, pacingMs: {} });

describe('from proposal to start over Teams', () => {
  it('new, then every check ticked on the checklist card, then "Start the placement": the placement is active and its duties appear', async () => {
    bot = await openBot({ placements: [] });
    let card = (
      await bot.press('commissionPlacement', {
        actionId: 'commissionPlacement:card-21',
        placementId: null,
        version: null,
        input: {},
        'commissionPlacement.kind': 'off_site_ap',
        'commissionPlacement.pupil.ref': 'Y10-0007',
        'commissionPlacement.pupil.initials': 'KT',
        'commissionPlacement.start': '2026-02-09',
        'commissionPlacement.provider.name': 'Hilltop Gym',
        'commissionPlacement.objectives': 'Attend every session',
      })
    )?.value;
    const [record] = await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y10-0007' });
    const id = record!.placement.id;
    expect(actionsOf(card).map((a) => a.verb)).not.toContain('activatePlacement');
    expect(JSON.stringify((await bot.say('status Y10-0007'))[0])).toContain('Before it can start');

    for (let ticks = 0; ; ticks++) {
      const tick = actionsOf(card).find((a) => a.verb === 'tickChecklistItem');
      if (!tick) break;
      expect(ticks).toBeLessThan(20);
      card = (await bot.press('tickChecklistItem', tick.data))?.value;
    }
    const start = actionsOf(card).find((a) => a.verb === 'activatePlacement');
    expect(start?.title).toBe('Start the placement');
    expect((await bot.placement(id)).status).toBe('proposed');

    const done = await bot.press('activatePlacement', start!.data);
    expect(textOf(done?.value)).toContain('Ms R Okafor started the placement');
    expect((await bot.placement(id)).status).toBe('active');
    const duties = await bot.obligations(id);
    expect(duties.some((d) => d.startsWith('attendance_confirmation:'))).toBe(true);
    const status = JSON.stringify((await bot.say('status Y10-0007'))[0]);
    expect(status).not.toContain('Nothing is due');
    expect(status).toContain('Active');
  });
});

describe('the safeguarding loop over Teams', () => {
  const absent = { start: '2026-02-06', history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] };

  it('an absence followed up with no contact from the card reaches the DSL’s chat at once, stays open, and is on the DSL’s due list, marked', async () => {
    bot = await openBot({ placements: [absent] });
    await bot.post(anInstall('dsl'));
    const done = await bot.press('recordAbsenceFollowUp', FOLLOWED_UP_NO_CONTACT);
    expect(textOf(done?.value)).not.toMatch(/ticked|all done/i);
    expect((await bot.placement()).history.some((e) => e.type === 'absence_follow_up')).toBe(true);
    expect(await bot.obligations()).toContain('absence_follow_up:2026-02-06 pm');

    const before = bot.sent.length;
    await deliverOutbox();
    const toDsl = bot.sent.slice(before).filter((s) => s.path.includes('personal-dsl'));
    expect(toDsl.length).toBeGreaterThan(0);
    const alert = textOf(cardOf(toDsl[0]?.body));
    expect(alert).toContain('Absence to follow up');
    expect(alert).toContain('No contact');

    const due = textOf(cardOf((await bot.say('due', 'dsl'))[0]));
    expect(due).toContain('JS · Y9-0412: Absence to follow up (Fri 6 Feb, afternoon)');
    expect(due).toContain('passed to you');
  });

  it("the headteacher's due includes what is escalated to them, marked as passed to them", async () => {
    // A placement at the provider since September with no QA visit: long late, so it is the headteacher's too.
    bot = await openBot({ placements: [{ start: '2025-09-08' }] });
    const head = actorFor(bot.school, 's-head')!;
    const escalated = (await dueFor(bot.stores, bot.school, head, new Date(MONDAY_MORNING))).filter((d) => d.involvement === 'escalated');
    expect(escalated.length).toBeGreaterThan(0);
    const due = textOf(cardOf((await bot.say('due', 'head'))[0]));
    expect(due).not.toContain('Nothing needs you');
    expect(due).toContain('passed to you');
  });
});
