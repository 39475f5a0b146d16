import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { aSecondSchool } from '../fixtures/school.ts';
import { aPlacement } from '../fixtures/placements.ts';
import type { Stores } from '../../src/ports/stores.ts';
import type { School } from '../../src/core/policy/schoolConfig.ts';
import { AP_LEAD, slackWorkspaces, until } from './slack/harness.ts';
import { aMessage, aTeamsBot, isolateNetwork, resetNetwork, TENANT, type TeamsBot } from './teams/teamsHarness.ts';

/** Riverside's own pupil, so a list shows which school it came from. */
async function aRiversidePupil(stores: Stores, school: School): Promise<void> {
  const placement = aPlacement({ id: 'P-RS1', pupil: { ref: 'Y7-5555', initials: 'RS' } });
  await stores.placements.create({
    record: { schoolId: school.id, placement, nextDueAt: null },
    idempotencyKey: 'seed-rs',
    audit: { schoolId: school.id, at: new Date('2026-01-01T09:00:00Z'), actor: 'import', role: null, action: 'import', placementId: placement.id, idempotencyKey: 'seed-rs', outcome: 'recorded', summary: 'Imported' },
  });
}

describe('an AP lead on the staff of two schools, in Teams', () => {
  let bot: TeamsBot;
  beforeAll(() => isolateNetwork());
  afterEach(async () => bot.close());
  afterAll(() => resetNetwork());

  const said = (replies: { text?: string; attachments?: unknown[] }[]) => JSON.stringify(replies);

  it('is asked which school on first use in a conversation, which is remembered there, and changed with school <name>', async () => {
    const riverside = aSecondSchool();
    bot = await aTeamsBot({ otherSchools: [riverside] });
    await aRiversidePupil(bot.stores, riverside);

    const [question] = await bot.say('status');
    expect(question?.text).toBe('You are on the staff of Oakfield Academy and Riverside School. Which school is this about? Say `school Oakfield Academy` or `school Riverside School`, then ask again.');

    expect((await bot.say('school river'))[0]?.text).toBe('Now working in Riverside School in this conversation. Say `school <name>` to change.');
    const atRiverside = said(await bot.say('status'));
    expect(atRiverside).toContain('Y7-5555');
    expect(atRiverside).not.toContain('Y9-0412');

    expect((await bot.say('school Oakfield Academy'))[0]?.text).toContain('Now working in Oakfield Academy');
    const atOakfield = said(await bot.say('status'));
    expect(atOakfield).toContain('Y9-0412');
    expect(atOakfield).not.toContain('Y7-5555');

    // Another conversation has not been told yet.
    const channel = { conversation: { id: '19:ap-team', conversationType: 'channel', tenantId: TENANT } };
    expect((await bot.say('help', 'apLead', channel))[0]?.text).toContain('Which school is this about?');
    expect((await bot.say('school wherever'))[0]?.text).toMatch(/^I don't know which school "wherever" means\. You are on the staff of/);
  });

  it('is asked too when pressing a button before saying which school', async () => {
    bot = await aTeamsBot({ otherSchools: [aSecondSchool()] });
    const response = await bot.post({ ...aMessage(undefined), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'recordQaVisit', data: { placementId: 'P-001', version: 0, actionId: 'a1' } } } });
    expect(JSON.stringify(response.json)).toContain('Which school is this about?');
    expect((await bot.placement()).version).toBe(0);
  });

  it('never asks someone on the staff of one school', async () => {
    bot = await aTeamsBot({ otherSchools: [aSecondSchool()] });
    expect(said(await bot.say('status', 'head'))).toContain('Y9-0412');
  });
});

describe('an AP lead on the staff of two schools, in Slack', () => {
  const openWorkspace = slackWorkspaces();

  it('is asked which school on first use in a channel, which is remembered there, and changed with /ap school <name>', async () => {
    const riverside = aSecondSchool();
    const ws = await openWorkspace({ otherSchools: [riverside] });
    await aRiversidePupil(ws.stores, riverside);
    const reply = async (text: string, channel = 'D0DM') => {
      const before = ws.slack.responses.length;
      await ws.command(AP_LEAD, text, channel);
      return JSON.stringify(await until(() => ws.slack.responses[before]?.body, 'a reply'));
    };

    expect(await reply('status')).toContain('Which school is this about? Say `/ap school Oakfield Academy` or `/ap school Riverside School`');
    expect(await reply('school riverside')).toContain('Now working in Riverside School in this conversation. Say `/ap school <name>` to change.');
    const atRiverside = await reply('status');
    expect(atRiverside).toContain('Y7-5555');
    expect(atRiverside).not.toContain('Y9-0412');
    expect(await reply('school oakfield')).toContain('Now working in Oakfield Academy');
    expect(await reply('status')).toContain('Y9-0412');
    expect(await reply('due', 'C0STAFF')).toContain('Which school is this about?');
  });
});
