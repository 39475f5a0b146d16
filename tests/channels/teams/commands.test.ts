import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTeamsBot, actionsOf, cardOf, isolateNetwork, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ placements: [{}, { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', timetable: { mon: ['am'], tue: ['am'] } }] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

describe('commands in a personal chat', () => {
  it('answers help with every command', async () => {
    const [reply] = await bot.say('help');
    for (const command of ['due', 'status [pupil ref]', 'review <pupil ref>', 'concern <pupil ref>', 'end <pupil ref>', 'new', 'ptt propose', 'help']) expect(reply?.text).toContain(command);
    expect(reply?.text).not.toContain('demo as');
  });

  it('answers due with what the AP lead owns, each with its button', async () => {
    const [reply] = await bot.say('due');
    const card = cardOf(reply);
    expect(textOf(card)).toMatch(/You have \d+ things? to do/);
    expect(textOf(card)).toContain('Y9-0412 (JS)');
    expect(textOf(card)).toContain('placement review');
    expect(actionsOf(card).some((a) => a.verb === 'showForm' && a.data.form === 'recordReview' && a.data.placementId === 'P-001')).toBe(true);
  });

  it('answers status with every open placement, and status <ref> with that one', async () => {
    const list = textOf(cardOf((await bot.say('status'))[0]));
    expect(list).toContain('Open placements (2)');
    expect(list).toContain('Y8-0101 (AB)');
    const one = cardOf((await bot.say('status y9-0412'))[0]);
    expect(textOf(one)).toContain('Y9-0412 (JS): off site ap');
    expect(actionsOf(one).map((a) => a.title)).toEqual(['Record review', 'Log concern', 'End…']);
  });

  it('offers approve and decline on the status of a timetable waiting for approval', async () => {
    const card = cardOf((await bot.say('status Y8-0101'))[0]);
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['approvePartTimeTimetable', 'showForm', 'showForm', 'showForm', 'showForm']);
  });

  it.each([
    ['review Y9-0412', 'recordReview', 'Record a placement review'],
    ['concern Y9-0412', 'logConcern', 'Log a concern'],
    ['end Y9-0412', 'endPlacement', 'End the placement'],
  ])('answers "%s" with the %s form for the pupil', async (text, verb, title) => {
    const card = cardOf((await bot.say(text))[0]);
    expect(textOf(card)).toContain(title);
    expect(textOf(card)).toContain('Y9-0412 (JS)');
    expect(actionsOf(card)).toEqual([expect.objectContaining({ verb, data: expect.objectContaining({ placementId: 'P-001', version: 0 }) })]);
  });

  it.each([
    ['new', 'commissionPlacement', 'Commission a placement'],
    ['ptt propose', 'proposePartTimeTimetable', 'Propose a part-time timetable'],
  ])('answers "%s" with the %s form', async (text, verb, title) => {
    const card = cardOf((await bot.say(text))[0]);
    expect(textOf(card)).toContain(title);
    expect(actionsOf(card)).toEqual([expect.objectContaining({ verb, data: expect.not.objectContaining({ placementId: expect.anything() }) })]);
  });

  it('lists what works when the command is not one', async () => {
    const [reply] = await bot.say('reveiw Y9-0412');
    expect(reply?.text).toContain(`I don't know "reveiw Y9-0412"`);
    expect(reply?.text).toContain('review <pupil ref>');
  });

  it('says so when there is no such pupil, and how to find them', async () => {
    const [reply] = await bot.say('review Y7-9999');
    expect(reply?.text).toContain('There is no open placement for pupil Y7-9999');
    expect(reply?.text).toContain('help');
  });

  it('asks which pupil when the reference is missing', async () => {
    const [reply] = await bot.say('concern');
    expect(reply?.text).toContain('concern <pupil ref>');
  });

  it('keeps placements from staff who may not read them, but lets them log a concern', async () => {
    const [reply] = await bot.say('status', 'teacher');
    expect(reply?.text).toContain('You can still log a concern');
    expect(textOf(cardOf((await bot.say('concern Y9-0412', 'teacher'))[0]))).toContain('Log a concern');
  });

  it('replies in the conversation it was asked in', async () => {
    await bot.say('help');
    expect(bot.sent.at(-1)?.path).toMatch(/\/v3\/conversations\/a%3Apersonal-apLead\/activities\/m-\d+$/);
  });
});

describe('commands by @mention in a channel', () => {
  it('strips the mention and answers', async () => {
    const [reply] = await bot.say('<at>apbot</at> status Y9-0412', 'apLead', {
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001' },
      entities: [{ type: 'mention', text: '<at>apbot</at>', mentioned: { id: '28:apbot', name: 'apbot' } }],
    });
    expect(textOf(cardOf(reply))).toContain('Y9-0412 (JS)');
  });
});

describe('the demo', () => {
  it('lets the Playground user act as the headteacher, and back', async () => {
    await bot.close();
    bot = await aTeamsBot({ demo: true });
    expect((await bot.say('help'))[0]?.text).toContain('demo as <role>');
    expect((await bot.say('demo as headteacher'))[0]?.text).toContain('Dr A Patel');
    const refused = await bot.press('recordReview', { placementId: 'P-001', actionId: 'a1', attendees: 'pupil', progress: 'Going well', outcome: 'continue' });
    expect(refused?.statusCode).toBe(200);
    expect((await bot.auditOf()).at(-1)).toMatchObject({ actor: 's-head', action: 'recordReview' });
    expect((await bot.say('demo as ap lead'))[0]?.text).toContain('Ms R Okafor');
    expect((await bot.say('demo as janitor'))[0]?.text).toContain('demo as headteacher');
  });

  it('is not there outside the demo', async () => {
    expect((await bot.say('demo as headteacher'))[0]?.text).toContain(`I don't know`);
  });
});
