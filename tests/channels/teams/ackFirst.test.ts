import { describe, expect, it } from 'vitest';
import { aCardAction, aMessage, cardOf, type TeamsBot, teamsBots, textOf } from './teamsHarness.ts';

const openBot = teamsBots();
let bot: TeamsBot | undefined;

/** Placements are read only once `release` is called: a due list as slow as we like. */
function holdReads(teams: TeamsBot) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const list = teams.stores.placements.list;
  teams.stores.placements.list = async (...args) => {
    await held;
    return list(...args);
  };
  return release;
}

/** The connector's own POST, without the harness waiting for the turn behind it. */
async function postRaw(teams: TeamsBot, activity: unknown) {
  const response = await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: response.status, text: await response.text() };
}

const waited = (ms: number) => new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms));

describe('a Teams message is acknowledged before its answer is worked out', () => {
  it('answers the connector at once while the due list is still being read, then sends the list once', async () => {
    bot = await openBot();
    const release = holdReads(bot);
    const answered = await Promise.race([postRaw(bot, aMessage('due')), waited(3_000)]);
    expect(answered).toEqual({ status: 200, text: '' });
    expect(bot.sent).toHaveLength(0);
    release();
    await bot.teams.settled?.();
    expect(bot.sent).toHaveLength(1);
    expect(textOf(cardOf(bot.sent[0]?.body))).toContain('Y9-0412');
  });

  it('still tells the person clearly when the turn fails after the ack, and only once', async () => {
    bot = await openBot();
    bot.stores.placements.list = () => Promise.reject(new Error('disk gone'));
    expect((await postRaw(bot, aMessage('due'))).status).toBe(200);
    await bot.teams.settled?.();
    expect(bot.sent.map((s) => s.body.text)).toEqual([expect.stringMatching(/Something went wrong on our side, and nothing was recorded\. If it keeps happening, quote incident \w+/)]);
  });

  it('still refuses a malformed message with a 400 before any ack, and sends nothing', async () => {
    bot = await openBot();
    const response = await postRaw(bot, { ...aMessage('due'), entities: [{ type: 'mention', mentioned: 'apbot' }] });
    expect(response.status).toBe(400);
    await bot.teams.settled?.();
    expect(bot.sent).toHaveLength(0);
  });

  it('keeps a card action waiting for its turn, since the card it returns is the answer', async () => {
    bot = await openBot();
    const release = holdReads(bot);
    const pressed = postRaw(bot, aCardAction('showMore', { list: 'due', offset: 0 }));
    expect(await Promise.race([pressed, waited(300)])).toBe('still waiting');
    release();
    const response = await pressed;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });
});
