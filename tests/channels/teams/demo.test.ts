import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../../../src/app/deliver.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { aTeamsBot, actionsOf, anInstall, cardOf, FOLLOWED_UP_NO_CONTACT, isolateNetwork, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

const PTT = { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', parentsAgreed: 'yes', timetable: { mon: ['am'], tue: ['am'] } };
const ABSENT = { start: '2026-02-06', history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] };
const PLAYGROUND = /^\/uk\/v3\/conversations\/a%3Apersonal-apLead\/activities/;

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ demo: true, placements: [ABSENT, PTT] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

describe('the demo in the Playground', () => {
  it('opens on the user’s due list and the approval waiting for them, with the whole proposal', async () => {
    expect((await bot.post(anInstall())).status).toBe(200);
    const cards = bot.sent.flatMap((s) => s.body.attachments ?? []).map((a) => a.content);
    const due = textOf(cards[0]);
    expect(due).toMatch(/\d+ things? need(s)? you/);
    expect(due).toContain('AB · Y8-0101');
    const approval = cards.find((c) => actionsOf(c).some((a) => a.verb === 'approvePartTimeTimetable'));
    expect(approval).toBeDefined();
    const proposal = JSON.stringify(approval);
    expect(proposal).toContain('Anxiety after a bereavement');
    expect(proposal).toContain('Miss L Evans');
    // Not sent twice when the Playground reloads.
    const before = bot.sent.length;
    await bot.post(anInstall());
    expect(bot.sent.length).toBe(before);
  });

  it('after "demo as dsl", the DSL’s nudges reach the same chat', async () => {
    await bot.post(anInstall());
    expect((await bot.say('demo as dsl'))[0]?.text).toContain('acting as');
    await bot.press('recordAbsenceFollowUp', FOLLOWED_UP_NO_CONTACT);
    const before = bot.sent.length;
    await deliver(bot.stores.outbox, [bot.school], [bot.teams.channel], () => new Date(MONDAY_MORNING), { ...DEFAULT_DELIVER_OPTIONS, pacingMs: {} });
    const delivered = bot.sent.slice(before);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((s) => PLAYGROUND.test(s.path))).toBe(true);
    expect(delivered.map((s) => textOf(cardOf(s.body))).join('\n')).toContain('Absence to follow up');
  });

  it('without "demo as", the DSL’s nudges do not reach the Playground user', async () => {
    await bot.post(anInstall());
    await bot.press(
      'recordAbsenceFollowUp',
      FOLLOWED_UP_NO_CONTACT,
    );
    const before = bot.sent.length;
    await deliver(bot.stores.outbox, [bot.school], [bot.teams.channel], () => new Date(MONDAY_MORNING), { ...DEFAULT_DELIVER_OPTIONS, pacingMs: {} });
    expect(bot.sent.slice(before).filter((s) => PLAYGROUND.test(s.path) && textOf(cardOf(s.body)).includes('Absence to follow up'))).toEqual([]);
  });
});
