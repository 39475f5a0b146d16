import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type NudgeItem } from '../../../src/ports/nudgeChannel.ts';
import type { StaffMember } from '../../../src/core/policy/schoolConfig.ts';
import { SERVICE_URL, USERS, aTeamsBot, actionsOf, anInstall, cardOf, inputIdsOf, isolateNetwork, refreshOf, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ placements: [{}, { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', timetable: { mon: ['am'] } }] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

const staff = (id: string): StaffMember => {
  const member = bot.school.config.staff.find((s) => s.id === id);
  if (!member) throw new Error(id);
  return member;
};

const anItem = (overrides: Partial<NudgeItem> = {}): NudgeItem => ({
  placementId: 'P-001',
  providerId: 'PR-7',
  type: 'placement_review',
  subject: 'Spring 2026 first half',
  ownerRole: 'ap_lead',
  escalateToRole: 'headteacher',
  dueDate: '2026-02-13',
  stage: 'due',
  dueAt: '2026-02-13T15:15:00.000Z',
  pupil: { ref: 'Y9-0412', initials: 'JS' },
  safeguarding: false,
  raisedBy: null,
  session: null,
  ...overrides,
}) as NudgeItem;

describe('installing the bot', () => {
  it('remembers the personal chat and says hello once, however often the install is sent again', async () => {
    for (let i = 0; i < 3; i++) expect((await bot.post(anInstall())).status).toBe(200);
    expect(bot.sent).toHaveLength(1);
    expect(bot.sent[0]?.body.text).toContain('Hello Ms R Okafor');
    const stored = await bot.stores.conversations.get(bot.school.id, 's-aplead', 'teams');
    expect(stored?.reference).toMatchObject({ conversation: { id: 'a:personal-apLead' }, serviceUrl: SERVICE_URL });
  });

  it('does not remember a channel conversation as a DM', async () => {
    await bot.post({ ...anInstall(), conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', tenantId: 't' } });
    expect(await bot.stores.conversations.get(bot.school.id, 's-aplead', 'teams')).toBeUndefined();
  });
});

describe('nudges through channel.send', () => {
  it('cannot reach someone who has not installed the bot, and says so permanently', async () => {
    expect(await bot.teams.channel.canReach(bot.school.id, staff('s-aplead'))).toBe(false);
    const error = await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'reminder', schoolId: bot.school.id, item: anItem() }, 'k1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).permanent).toBe(true);
  });

  it('sends a reminder card to the personal chat through the stored conversation', async () => {
    await bot.post(anInstall());
    expect(await bot.teams.channel.canReach(bot.school.id, staff('s-aplead'))).toBe(true);
    await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'reminder', schoolId: bot.school.id, item: anItem() }, 'k2');
    const last = bot.sent.at(-1);
    expect(last?.path).toMatch(/^\/uk\/v3\/conversations\/a%3Apersonal-apLead\/activities/);
    const card = cardOf(last?.body);
    expect(textOf(card)).toContain('JS · Y9-0412');
    expect(textOf(card)).toContain('Placement review');
    expect(textOf(card)).toContain('Fri 13 Feb');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(expect.arrayContaining(['openReviewForm', 'snoozeNudge']));
    expect(inputIdsOf(card)).toEqual(expect.arrayContaining(['snoozeNudge.until', 'snoozeNudge.reason']));
    expect(refreshOf(card)?.data.input).toEqual({ card: 'reminder', obligation: 'placement_review:Spring 2026 first half' });
  });

  it('sends a digest and an attendance card', async () => {
    await bot.post(anInstall());
    await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'digest', schoolId: bot.school.id, items: [anItem(), anItem()] }, 'k3');
    expect(textOf(cardOf(bot.sent.at(-1)?.body))).toContain('2 things need you');
    expect(actionsOf(cardOf(bot.sent.at(-1)?.body)).map((a) => a.title)).toContain('Record the review');
    const session = anItem({ type: 'attendance_confirmation', subject: '2026-02-09 am', session: { date: '2026-02-09', session: 'am' }, ownerRole: 'attendance_officer', escalateToRole: 'dsl', dueDate: '2026-02-09' });
    await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'attendance', schoolId: bot.school.id, date: '2026-02-09', session: 'am', items: [session] }, 'k4');
    const attendance = cardOf(bot.sent.at(-1)?.body);
    expect(textOf(attendance)).toContain('Attendance to confirm: Mon 9 Feb, morning');
    expect(actionsOf(attendance).map((a) => a.data)).toContainEqual({ actionId: 'confirmAttendance:P-001:2026-02-09 am:present', placementId: 'P-001', version: 0, input: { date: '2026-02-09', session: 'am', mark: 'present' }, item: 'attendance_confirmation:2026-02-09 am' });
    // It refreshes as that session's list, not as the whole due list.
    expect(refreshOf(attendance)?.data.input).toEqual({ card: 'digest', offset: 0, list: 'attendance', date: '2026-02-09', session: 'am' });
  });

  it("sends a part-time timetable approval request to the headteacher's DM", async () => {
    await bot.post(anInstall('head'));
    await bot.teams.channel.send(bot.school.id, staff('s-head'), { kind: 'approval_request', schoolId: bot.school.id, placementId: 'P-002' }, 'k5');
    const last = bot.sent.at(-1);
    expect(last?.path).toContain('a%3Apersonal-head');
    const card = cardOf(last?.body);
    expect(textOf(card)).toContain('A part-time timetable needs your approval');
    expect(JSON.stringify(card)).toContain('"Proposed by","value":"Miss L Evans"');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['approvePartTimeTimetable', 'declinePartTimeTimetable']);
    expect(inputIdsOf(card)).toEqual(['declinePartTimeTimetable.reason']);
    expect(refreshOf(card)?.userIds).toEqual(expect.arrayContaining([`8:orgid:${USERS.head}`, `8:orgid:${USERS.apLead}`]));
  });

  it("sends a concern's details to a DSL's DM, and to nobody else", async () => {
    await bot.post(anInstall('dsl'));
    await bot.post(anInstall('apLead'));
    const logged = await bot.run('s-teacher', 'logConcern', 'P-001', { category: 'safeguarding', details: 'Disclosed something worrying to the provider' }, { key: 'concern-1' });
    expect(logged.replayed).toBe(false);
    await bot.teams.channel.send(bot.school.id, staff('s-dsl'), { kind: 'concern_alert', schoolId: bot.school.id, placementId: 'P-001', concernKey: 'concern-1' }, 'k6');
    expect(bot.sent.at(-1)?.path).toContain('a%3Apersonal-dsl');
    const alert = cardOf(bot.sent.at(-1)?.body);
    expect(textOf(alert)).toContain('Safeguarding concern');
    expect(textOf(alert)).toContain('Disclosed something worrying');
    expect(refreshOf(alert)?.userIds).toEqual([`8:orgid:${USERS.dsl}`]);
    const before = bot.sent.length;
    const refused = await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'concern_alert', schoolId: bot.school.id, placementId: 'P-001', concernKey: 'concern-1' }, 'k7').catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'DeliveryError', permanent: true });
    expect(bot.sent).toHaveLength(before);
    // Nor do they reach anyone else another way: the teacher's done card, the AP lead's summary.
    expect(JSON.stringify(cardOf((await bot.say('status Y9-0412'))[0]))).not.toContain('worrying');
    expect(textOf(cardOf((await bot.say('status Y9-0412'))[0]))).toContain('Safeguarding concern logged');
    expect(JSON.stringify((await bot.press('refreshCard', { actionId: 'refreshCard:concernAlert', placementId: 'P-001', version: 1, input: { card: 'concernAlert', concernKey: 'concern-1' } }))?.value)).not.toContain('worrying');
    expect(JSON.stringify((await bot.press('refreshCard', { actionId: 'refreshCard:concernAlert', placementId: 'P-001', version: 1, input: { card: 'concernAlert', concernKey: 'concern-1' } }, 'dsl'))?.value)).toContain('worrying');
  });

  it("passes Teams' 429 on with its Retry-After", async () => {
    await bot.post(anInstall());
    // botbuilder retries a throttled send itself (3 times, honouring Retry-After), then gives up.
    bot.failNext(429, 4, { 'Retry-After': '1' });
    const before = bot.sent.length;
    const error = await bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'reminder', schoolId: bot.school.id, item: anItem() }, 'k8').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryAfterMs: 1000, permanent: false });
    expect(bot.sent).toHaveLength(before);
  }, 15_000);

  it('treats a 403 (app removed) as permanent and a 503 as worth another try', async () => {
    await bot.post(anInstall());
    bot.failNext(403);
    await expect(bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'reminder', schoolId: bot.school.id, item: anItem() }, 'k9')).rejects.toMatchObject({ permanent: true });
    bot.failNext(503, 4, { 'Retry-After': '0' });
    await expect(bot.teams.channel.send(bot.school.id, staff('s-aplead'), { kind: 'reminder', schoolId: bot.school.id, item: anItem() }, 'k10')).rejects.toMatchObject({ permanent: false });
  }, 15_000);
});
