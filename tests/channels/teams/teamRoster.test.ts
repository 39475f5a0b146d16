import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStaffReach } from '../../../src/app/staffReach.ts';
import { relinkTeamsAccounts } from '../../../src/app/teamsRoster.ts';
import { aSchool } from '../../fixtures/school.ts';
import { SERVICE_URL, TENANT, USERS, aMessage, aTeamsBot, isolateNetwork, resetNetwork, type TeamsBot } from './teamsHarness.ts';

const TEAM = '19:staff-room@thread.tacv2';
const DSL = 'aad-dsl-found-in-roster';
const TEACHER = 'aad-teacher-found-in-roster';

/** The example school as a school writes it after `ap import staff`: emails, and Teams accounts for some only. */
function aSchoolWithEmails() {
  const emails: Record<string, string> = { 's-dsl': 'J.Byrne@oakfield.sch.uk', 's-teacher': 'l.evans@oakfield.sch.uk', 's-attendance': 'k.hughes@oakfield.sch.uk', 's-aplead': 'r.okafor@oakfield.sch.uk' };
  const staff = aSchool().config.staff.map(({ teams, ...member }) => ({
    ...member,
    ...(emails[member.id] ? { email: emails[member.id] } : {}),
    ...(['s-dsl', 's-teacher', 's-attendance'].includes(member.id) ? {} : { teams }),
  }));
  return aSchool({}, { staff });
}

/** The bot added to a team by the AP lead, as Teams sends it. */
const aTeamInstall = (type: 'conversationUpdate' | 'installationUpdate' = 'conversationUpdate') => ({
  ...aMessage(undefined, 'apLead'),
  type,
  ...(type === 'conversationUpdate' ? { membersAdded: [{ id: '28:apbot' }] } : { action: 'add' }),
  conversation: { id: TEAM, conversationType: 'channel', tenantId: TENANT },
  channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: 'Staff room' } },
});

let bot: TeamsBot;
let created: { members: { id: string }[]; tenantId?: string; isGroup?: boolean }[];
let rosterReads: string[];
let refusedMember: string | undefined;

beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ school: aSchoolWithEmails() });
  created = [];
  rosterReads = [];
  refusedMember = undefined;
  const connector = nock(SERVICE_URL.replace(/\/uk\/$/, ''));
  connector
    .persist()
    .get(`/uk/v3/conversations/${encodeURIComponent(TEAM)}/pagedmembers`)
    .query(true)
    .reply((uri) => {
      rosterReads.push(uri);
      // Two pages, as the connector pages a real staff team.
      if (!uri.includes('continuationToken=page-2'))
        return [
          200,
          {
            continuationToken: 'page-2',
            members: [
              { id: '29:aplead', aadObjectId: USERS.apLead, email: 'r.okafor@oakfield.sch.uk', userPrincipalName: 'r.okafor@oakfield.sch.uk', name: 'Rose Okafor' },
              // The email field can be empty; the UPN still names them (in another case).
              { id: '29:dsl', aadObjectId: DSL, userPrincipalName: 'j.byrne@OAKFIELD.sch.uk', name: 'James Byrne' },
              { id: '29:visitor', aadObjectId: 'aad-visitor', email: 'visitor@elsewhere.org', userPrincipalName: 'visitor@elsewhere.org', name: 'A Visitor' },
            ],
          },
        ];
      return [200, { members: [{ id: '29:teacher', aadObjectId: TEACHER, email: 'l.evans@oakfield.sch.uk', userPrincipalName: 'levans@oakfield.onmicrosoft.com', name: 'Lucy Evans' }] }];
    });
  connector
    .persist()
    .post('/uk/v3/conversations')
    .reply((_uri, body) => {
      const parameters = body as (typeof created)[number];
      created.push(parameters);
      if (parameters.members[0]?.id === refusedMember) return [403, { error: { code: 'Forbidden' } }];
      return [200, { id: `a:chat-with-${parameters.members[0]?.id ?? 'nobody'}` }];
    });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

describe('installing the bot in the staff team', () => {
  it('reads every page of the roster, matches staff by email or UPN, and opens a 1:1 chat with each one found', async () => {
    expect((await bot.post(aTeamInstall())).status).toBe(200);

    expect(rosterReads).toHaveLength(2);
    // The AP lead already had a Teams account but no chat: theirs is opened too. The visitor is nobody's.
    expect(created.map((c) => c.members.map((m) => m.id))).toEqual([['29:aplead'], ['29:dsl'], ['29:teacher']]);
    expect(created.every((c) => c.isGroup === false && c.tenantId === TENANT)).toBe(true);

    const dsl = await bot.stores.conversations.get(bot.school.id, 's-dsl', 'teams');
    expect(dsl?.reference).toMatchObject({ conversation: { id: 'a:chat-with-29:dsl', conversationType: 'personal' }, serviceUrl: SERVICE_URL, user: { aadObjectId: DSL } });
    expect(bot.school.config.staff.find((s) => s.id === 's-teacher')?.teams?.aadObjectId).toBe(TEACHER);

    const hellos = bot.sent.filter((s) => decodeURIComponent(s.path).includes('a:chat-with-'));
    expect(hellos.map((h) => h.body.text?.split('.')[0])).toEqual(['Hello Ms R Okafor', 'Hello Mr J Byrne', 'Hello Miss L Evans']);
    const inTeam = bot.sent.filter((s) => decodeURIComponent(s.path).includes(TEAM));
    expect(inTeam.map((s) => s.body.text)).toEqual([expect.stringMatching(/opened a chat with 3 member\(s\) of staff.*1 member\(s\) of staff are not in this team.*ap staff check/)]);
  });

  it('knows the people it found when they write, and ap staff check says who is still missing and why', async () => {
    await bot.post(aTeamInstall());
    const before = bot.sent.length;
    await bot.post({ ...aMessage('help'), from: { id: '29:dsl', aadObjectId: DSL, name: 'James Byrne' }, conversation: { id: 'a:chat-with-29:dsl', conversationType: 'personal', tenantId: TENANT } });
    expect(bot.sent.slice(before).map((s) => s.body.text).join('\n')).not.toMatch(/don't recognise you/);

    const { reach } = await checkStaffReach(bot.school, bot.stores.conversations, { teams: true, slack: false });
    const teamsOf = (id: string) => reach.find((r) => r.staffId === id)?.teams;
    expect(teamsOf('s-dsl')).toBe('yes');
    expect(teamsOf('s-teacher')).toBe('yes');
    expect(teamsOf('s-attendance')).toMatch(/not in the staff team's roster with k.hughes@oakfield.sch.uk/);
  });

  it('reads the roster once for the two events of one install, and opens no chat twice when installed again', async () => {
    await Promise.all([bot.post(aTeamInstall('conversationUpdate')), bot.post(aTeamInstall('installationUpdate'))]);
    await bot.post(aTeamInstall('installationUpdate'));
    expect(created).toHaveLength(3);
    expect(bot.sent.filter((s) => s.body.text?.startsWith("I've opened"))).toHaveLength(1);
  });

  it('finds the accounts again after a restart, from the chats it keeps', async () => {
    await bot.post(aTeamInstall());
    const restarted = aSchoolWithEmails();
    expect(restarted.config.staff.find((s) => s.id === 's-dsl')?.teams).toBeUndefined();
    await relinkTeamsAccounts([restarted], bot.stores.conversations);
    expect(restarted.config.staff.find((s) => s.id === 's-dsl')?.teams).toEqual({ aadObjectId: DSL, tenantId: TENANT });
    expect(restarted.config.staff.find((s) => s.id === 's-attendance')?.teams).toBeUndefined();
  });

  it('opens the other chats when Teams refuses one, and tries that one again at the next install', async () => {
    refusedMember = '29:dsl';
    expect((await bot.post(aTeamInstall())).status).toBe(200);
    expect(await bot.stores.conversations.get(bot.school.id, 's-dsl', 'teams')).toBeUndefined();
    expect(await bot.stores.conversations.get(bot.school.id, 's-teacher', 'teams')).toBeDefined();
    refusedMember = undefined;
    await bot.post(aTeamInstall('installationUpdate'));
    expect(await bot.stores.conversations.get(bot.school.id, 's-dsl', 'teams')).toBeDefined();
    expect(created.map((c) => c.members[0]?.id)).toEqual(['29:aplead', '29:dsl', '29:teacher', '29:dsl']);
  });

  it('does not read the roster of a team in a tenant no school names, installed by a stranger', async () => {
    await bot.post({ ...aTeamInstall(), from: { id: '29:x', aadObjectId: USERS.stranger }, conversation: { id: TEAM, conversationType: 'channel', tenantId: 'another-tenant' }, channelData: { tenant: { id: 'another-tenant' }, team: { id: TEAM } } });
    expect(rosterReads).toHaveLength(0);
    expect(created).toHaveLength(0);
  });
});

describe('someone joining the staff team after the bot was installed', () => {
  const ATTENDANCE = 'aad-attendance-joined-later';
  /** Members added to the team, as Teams tells a bot already installed there. */
  const aJoin = (...ids: string[]) => ({ ...aTeamInstall(), membersAdded: ids.map((id) => ({ id })) });
  let lookups: string[];
  beforeEach(() => {
    lookups = [];
    nock(SERVICE_URL.replace(/\/uk\/$/, ''))
      .persist()
      .get(new RegExp(`^/uk/v3/conversations/${encodeURIComponent(TEAM)}/members/`))
      .reply((uri) => {
        const id = decodeURIComponent(uri.split('/members/')[1] ?? '');
        lookups.push(id);
        if (id === '29:attendance') return [200, { id, aadObjectId: ATTENDANCE, email: 'K.Hughes@oakfield.sch.uk', userPrincipalName: 'k.hughes@oakfield.sch.uk', name: 'Kim Hughes' }];
        if (id === '29:visitor2') return [200, { id, aadObjectId: 'aad-visitor-2', email: 'someone@elsewhere.org', userPrincipalName: 'someone@elsewhere.org', name: 'Someone' }];
        return [404, { error: { code: 'MemberNotFoundInConversation' } }];
      });
  });

  it('is matched to the staff by email, as at install, and gets their 1:1 chat opened without a word in the team', async () => {
    await bot.post(aTeamInstall());
    const before = bot.sent.length;
    expect((await bot.post(aJoin('29:attendance', '29:visitor2'))).status).toBe(200);
    expect(lookups).toEqual(['29:attendance', '29:visitor2']);
    expect(created.map((c) => c.members[0]?.id)).toEqual(['29:aplead', '29:dsl', '29:teacher', '29:attendance']);
    expect(bot.school.config.staff.find((s) => s.id === 's-attendance')?.teams).toEqual({ aadObjectId: ATTENDANCE, tenantId: TENANT });
    expect(await bot.stores.conversations.get(bot.school.id, 's-attendance', 'teams')).toMatchObject({ reference: { user: { aadObjectId: ATTENDANCE } } });
    const said = bot.sent.slice(before);
    expect(said.map((s) => s.body.text?.split('.')[0])).toEqual(['Hello Mrs K Hughes']);
    expect(said.every((s) => !decodeURIComponent(s.path).includes(TEAM))).toBe(true);
    const { reach } = await checkStaffReach(bot.school, bot.stores.conversations, { teams: true, slack: false });
    expect(reach.find((r) => r.staffId === 's-attendance')?.teams).toBe('yes');
  });

  it('opens nobody\'s chat twice, and carries on past a member Teams cannot look up', async () => {
    await bot.post(aTeamInstall());
    expect((await bot.post(aJoin('29:gone', '29:dsl', '29:attendance'))).status).toBe(200);
    expect(created.map((c) => c.members[0]?.id)).toEqual(['29:aplead', '29:dsl', '29:teacher', '29:attendance']);
  });
});
