import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueTeamOverview } from '../../../src/app/apTeamChannel.ts';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../../../src/app/deliver.ts';
import { TEAM_CHANNEL } from '../../../src/ports/nudgeOutbox.ts';
import { MONDAY_MORNING } from '../../fixtures/decisionDesk.ts';
import { aTeamsBot, actionsOf, cardOf, isolateNetwork, resetNetwork, textOf, type TeamsBot, type User } from './teamsHarness.ts';

const CHANNEL_ID = '19:ap-team@thread.tacv2';
/** A message in a team channel: Teams gives the thread it was typed in as `;messageid=`. */
const inChannel = { conversation: { id: `${CHANNEL_ID};messageid=1700000000000`, conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001' } };

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  // An active placement since November: its Autumn review is late.
  bot = await aTeamsBot({ placements: [{ start: '2025-11-03' }] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

const postHere = (user: User = 'apLead', extra: Record<string, unknown> = inChannel) => bot.say('<at>apbot</at> post here', user, extra);
const channelAudit = async () => (await bot.stores.audit.list(bot.school.id)).filter((e) => e.action.endsWith('chooseTeamChannel'));

describe('post here, in a Teams channel', () => {
  it('makes the channel (not the thread) the team channel, once, and says what will come there', async () => {
    const [reply] = await postHere();
    expect(reply?.text).toMatch(/Each school morning I will post here/);
    expect(reply?.text).toMatch(/initials and reference only/);
    const stored = await bot.stores.conversations.get(bot.school.id, TEAM_CHANNEL, 'teams');
    expect(stored?.reference).toMatchObject({ conversation: { id: CHANNEL_ID, conversationType: 'channel' } });
    expect(stored?.reference).not.toHaveProperty('activityId');

    const [again] = await postHere();
    expect(again?.text).toBe('This is already where I post the morning overview.');
    expect((await channelAudit()).map((e) => [e.action, e.actor])).toEqual([['chooseTeamChannel', 's-aplead']]);
  });

  it('is refused to a teacher, audited, and changes nothing', async () => {
    const [reply] = await postHere('teacher');
    expect(reply?.text).toMatch(/Only the AP lead or the headteacher/);
    expect(await bot.stores.conversations.get(bot.school.id, TEAM_CHANNEL, 'teams')).toBeUndefined();
    expect((await channelAudit()).map((e) => [e.action, e.actor, e.outcome])).toEqual([['refused:chooseTeamChannel', 's-teacher', 'refused']]);
  });

  it('is explained, not done, in a personal chat', async () => {
    const [reply] = await bot.say('post here');
    expect(reply?.text).toMatch(/in the team channel where the morning overview should go/);
    expect(await bot.stores.conversations.get(bot.school.id, TEAM_CHANNEL, 'teams')).toBeUndefined();
  });

  it('still keeps pupils out of the channel: other commands there get the 1:1 answer', async () => {
    const [reply] = await bot.say('<at>apbot</at> due', 'apLead', inChannel);
    expect(reply?.text).toMatch(/1:1 chat/);
    expect(reply?.attachments).toBeUndefined();
  });
});

describe('the morning overview, posted to the Teams channel', () => {
  it('goes to the channel as a new post with no buttons, and to nobody else', async () => {
    await postHere();
    const now = new Date(MONDAY_MORNING);
    expect(await queueTeamOverview(bot.stores, bot.school, now)).toBe(true);
    const before = bot.sent.length;
    const outcome = await deliver(bot.stores.outbox, [bot.school], [bot.teams.channel], () => now, { ...DEFAULT_DELIVER_OPTIONS, sleep: async () => undefined });
    expect(outcome).toEqual({ sent: 1, failed: 0, dead: 0 });

    const posts = bot.sent.slice(before);
    expect(posts.map((p) => decodeURIComponent(p.path))).toEqual([`/uk/v3/conversations/${CHANNEL_ID}/activities`]);
    const card = cardOf(posts[0]?.body);
    expect(textOf(card)).toMatch(/AP duties, Mon 9 Feb: \d+ late/);
    expect(textOf(card)).toContain('JS · Y9-0412: Placement review (Autumn 2025 second half)');
    expect(textOf(card)).toContain('for the AP lead');
    expect(actionsOf(card)).toEqual([]);
    expect(card['refresh']).toBeUndefined();
  });

  it('is kept as undeliverable, not retried for ever, once the bot has been removed from the team', async () => {
    await postHere();
    const now = new Date(MONDAY_MORNING);
    await queueTeamOverview(bot.stores, bot.school, now);
    bot.failNext(403);
    expect(await deliver(bot.stores.outbox, [bot.school], [bot.teams.channel], () => now, { ...DEFAULT_DELIVER_OPTIONS, sleep: async () => undefined })).toEqual({ sent: 0, failed: 0, dead: 1 });
    const [entry] = await bot.stores.outbox.list(bot.school.id, { staffId: TEAM_CHANNEL });
    expect(entry).toMatchObject({ status: 'dead', lastError: 'Teams refused the message (403)' });
  });
});
