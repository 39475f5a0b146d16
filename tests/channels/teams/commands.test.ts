import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueFor } from '../../../src/app/queries.ts';
import { actorFor } from '../../../src/core/decisions/decision.ts';
import { reminder } from '../../../src/views/reminder.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { USERS, aTeamsBot, actionsOf, cardOf, inputIdsOf, isolateNetwork, refreshOf, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ placements: [{}, { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', timetable: { mon: ['am'], tue: ['am'] } }] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

const actor = (staffId: string) => {
  const found = actorFor(bot.school, staffId);
  if (!found) throw new Error(staffId);
  return found;
};

describe('commands in a personal chat', () => {
  it('answers help with every command', async () => {
    const [reply] = await bot.say('help');
    // Teams would take <pupil ref> for an HTML tag and show nothing: it is sent as typed.
    for (const command of ['due', 'status [pupil ref]', 'review &lt;pupil ref&gt;', 'concern &lt;pupil ref&gt;', 'end &lt;pupil ref&gt;', 'new', 'ptt propose', 'help']) expect(reply?.text).toContain(command);
    expect(reply?.text).not.toMatch(/<[a-z ]+>/);
    expect(reply?.text).not.toContain('demo as');
  });

  it('answers due with the digest of what the AP lead owns, each with the reminder\'s one-press buttons', async () => {
    const [reply] = await bot.say('due');
    const card = cardOf(reply);
    const due = await dueFor(bot.stores, bot.school, actor('s-aplead'), new Date(MONDAY_MORNING));
    expect(textOf(card)).toContain(`${due.length} things need you`);
    expect(textOf(card)).toContain('JS · Y9-0412: Placement review (Spring 2026 first half)');
    // Every button a reminder offers without typing is on the digest, but for an approval, which is
    // given only with the whole proposal in sight; the rest are behind "More options".
    const quick = due
      .slice(0, 10)
      .flatMap(({ placement, obligation }) => reminder(placement, obligation, bot.school, new Date(MONDAY_MORNING), actor('s-aplead')).actions.filter((a) => a.fields.length === 0 && a.verb !== 'approvePartTimeTimetable'));
    expect(quick.map((a) => a.title)).toContain('Record the review');
    expect(actionsOf(card).map((a) => a.data)).toEqual(expect.arrayContaining(quick.map((a) => ({ ...a.payload, item: expect.any(String) }))));
    expect(actionsOf(card).map((a) => a.verb)).not.toContain('approvePartTimeTimetable');
    expect(actionsOf(card).map((a) => a.title)).toContain('See the proposal');
    expect(actionsOf(card).filter((a) => a.verb === 'showReminder')).toHaveLength(Math.min(due.length, 10));
    expect(refreshOf(card)).toMatchObject({ verb: 'refreshCard', userIds: [`8:orgid:${USERS.apLead}`] });
  });

  it('answers status with every open placement, each with a button to its summary, and status <ref> with that one', async () => {
    const list = cardOf((await bot.say('status'))[0]);
    expect(textOf(list)).toContain('Open placements (2)');
    expect(textOf(list)).toContain('AB · Y8-0101');
    expect(actionsOf(list).map((a) => a.data)).toContainEqual({ actionId: 'showPlacement:P-002', placementId: 'P-002', version: 0, input: { back: 'placements', backOffset: 0 } });
    const one = cardOf((await bot.say('status y9-0412'))[0]);
    expect(textOf(one)).toContain('JS · Y9-0412: Off-site alternative provision');
    expect(actionsOf(one).filter((a) => a.verb.startsWith('open')).map((a) => a.title)).toEqual(['Record a review', 'Log a concern', 'End the placement']);
  });

  it('offers each thing waiting on a timetable, approvals included, on its status', async () => {
    const card = cardOf((await bot.say('status Y8-0101', 'head'))[0]);
    expect(textOf(card)).toContain('Part-time timetable approval (headteacher)');
    expect(actionsOf(card).filter((a) => a.verb === 'showReminder').map((a) => (a.data.input as { obligation: string }).obligation)).toContain('part_time_timetable_approval:headteacher');
  });

  it.each([
    ['review Y9-0412', 'recordReview', 'Record the review'],
    ['concern Y9-0412', 'logConcern', 'Log a concern'],
    ['end Y9-0412', 'endPlacement', 'End the placement'],
  ])('answers "%s" with the %s form for the pupil', async (text, verb, title) => {
    const card = cardOf((await bot.say(text))[0]);
    expect(textOf(card)).toContain(title);
    expect(textOf(card)).toContain('JS · Y9-0412');
    expect(inputIdsOf(card).every((id) => id.startsWith(`${verb}.`))).toBe(true);
    expect(actionsOf(card)).toEqual([expect.objectContaining({ verb, data: { actionId: expect.stringMatching(new RegExp(`^${verb}:P-001:`)), placementId: 'P-001', version: 0, input: {} } })]);
  });

  it.each([
    ['new', 'commissionPlacement', 'New placement'],
    ['ptt propose', 'proposePartTimeTimetable', 'Part-time timetable'],
  ])('answers "%s" with the %s form', async (text, verb, title) => {
    const card = cardOf((await bot.say(text))[0]);
    expect(textOf(card)).toContain(title);
    expect(inputIdsOf(card).every((id) => id.startsWith(`${verb}.`))).toBe(true);
    expect(actionsOf(card)).toEqual([expect.objectContaining({ verb, data: expect.objectContaining({ placementId: null, version: null, input: {} }) })]);
  });

  it('lists what works when the command is not one', async () => {
    const [reply] = await bot.say('reveiw Y9-0412');
    expect(reply?.text).toContain(`I don't know "reveiw Y9-0412". Did you mean "review Y9-0412"?`);
    expect(reply?.text).toContain('review &lt;pupil ref&gt;');
  });

  it('says so when there is no such pupil, and how to find them', async () => {
    const [reply] = await bot.say('review Y7-9999');
    expect(reply?.text).toContain('There is no open placement for pupil Y7-9999');
    expect(reply?.text).toContain('help');
  });

  it('asks which pupil when the reference is missing', async () => {
    const [reply] = await bot.say('concern');
    expect(reply?.text).toContain('concern &lt;pupil ref&gt;');
  });

  it('keeps placements from staff who may not read them, but lets them log a concern', async () => {
    const [reply] = await bot.say('status', 'teacher');
    expect(reply?.text).toContain('to log a concern');
    expect(textOf(cardOf((await bot.say('concern Y9-0412', 'teacher'))[0]))).toContain('Log a concern');
  });

  it('replies in the conversation it was asked in', async () => {
    await bot.say('help');
    expect(bot.sent.at(-1)?.path).toMatch(/\/v3\/conversations\/a%3Apersonal-apLead\/activities\/m-\d+$/);
  });
});

describe('commands by @mention in a channel', () => {
  const inChannel = {
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001' },
    entities: [{ type: 'mention', text: '<at>apbot</at>', mentioned: { id: '28:apbot', name: 'apbot' } }],
  };

  it('strips the mention and answers help', async () => {
    const [reply] = await bot.say('<at>apbot</at> help', 'apLead', inChannel);
    expect(reply?.text).toContain('due');
  });

  it('keeps pupils out of a shared channel, even for the DSL', async () => {
    for (const text of ['<at>apbot</at> status Y9-0412', '<at>apbot</at> status', '<at>apbot</at> due']) {
      const [reply] = await bot.say(text, 'apLead', inChannel);
      expect(reply?.text).toContain('1:1 chat');
      expect(JSON.stringify(reply)).not.toContain('Y9-0412');
    }
  });
});

describe('the demo', () => {
  it('lets the Playground user act as the headteacher, and back', async () => {
    await bot.close();
    bot = await aTeamsBot({ demo: true });
    expect((await bot.say('help'))[0]?.text).toContain('demo as &lt;role&gt;');
    expect((await bot.say('demo as headteacher'))[0]?.text).toContain('Dr A Patel');
    const recorded = await bot.press('recordReview', { actionId: 'recordReview:P-001', placementId: 'P-001', version: 0, input: {}, 'recordReview.attendees': 'pupil', 'recordReview.progress': 'Going well', 'recordReview.outcome': 'continue', 'recordReview.nextReviewOn': '2026-03-16' });
    expect(textOf(recorded?.value)).toContain('Dr A Patel recorded the review');
    expect((await bot.auditOf()).at(-1)).toMatchObject({ actor: 's-head', action: 'recordReview' });
    expect((await bot.say('demo as ap lead'))[0]?.text).toContain('Ms R Okafor');
    expect((await bot.say('demo as janitor'))[0]?.text).toContain('demo as headteacher');
  });

  it('is not there outside the demo', async () => {
    expect((await bot.say('demo as headteacher'))[0]?.text).toContain(`I don't know`);
  });
});

describe('status in a school with many pupils in AP', () => {
  it('pages the list of placements, and each page only for those who may read placements', async () => {
    // This school instead of the usual two placements (afterEach closes it).
    await bot.close();
    bot = await aTeamsBot({ placements: Array.from({ length: 27 }, (_, i) => ({ id: `P-${100 + i}`, pupil: { ref: `Y9-${1100 + i}`, initials: 'TT' } })) });
    const big = bot;
    const first = cardOf((await big.say('status'))[0]);
    expect(textOf(first)).toContain('Open placements (27)');
    expect(textOf(first)).toContain('Showing 1 to 20 of 27');
    const more = actionsOf(first).find((a) => a.verb === 'showMore');
    expect(more?.title).toBe('Show 7 more');

    const second = await big.press('showMore', more!.data);
    expect(textOf(second?.value)).toContain('Showing 21 to 27 of 27');
    expect(textOf(second?.value)).toContain('TT · Y9-1126');
    expect(textOf(second?.value)).not.toContain('TT · Y9-1100');
    expect(actionsOf(second?.value).filter((a) => a.verb === 'showMore')).toEqual([]);

    expect(textOf((await big.press('showMore', more!.data, 'teacher'))?.value)).toContain('Placements are shown to');
  });
});
