import { TeamsInfo, TurnContext, type ConversationParameters, type TeamsChannelAccount } from 'botbuilder';
import { identify } from '../../app/identity.ts';
import { linkTeamsAccount, matchRoster, type RosterMatch } from '../../app/teamsRoster.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import { helpText } from './commands/help.ts';
import { teamsIdentityOf, type TeamsDeps } from './turn.ts';

/** The most members the connector returns in one page of a team's roster. */
const ROSTER_PAGE_SIZE = 500;

/** The team a conversationUpdate or installationUpdate comes from, when the bot was added to one. */
export function teamInstalled(context: TurnContext): string | undefined {
  const { activity } = context;
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (typeof team !== 'string') return undefined;
  if (activity.type === 'installationUpdate') return activity.action === 'add' || activity.action === undefined ? team : undefined;
  const added = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
  return added.some((m) => m?.id === activity.recipient?.id) ? team : undefined;
}

/** The schools this team can belong to: the installer's, else those naming the team's tenant. */
function schoolsOf(deps: TeamsDeps, context: TurnContext): School[] {
  const identity = teamsIdentityOf(context);
  const installer = identity ? identify(deps.schools, identity)[0] : undefined;
  if (installer) return [installer.school];
  return identity?.tenantId === undefined ? [] : deps.schools.filter((s) => s.config.school.teamsTenantId === identity.tenantId);
}

async function wholeRoster(context: TurnContext): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, ROSTER_PAGE_SIZE, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

/** Opens the 1:1 chat with a member of staff, says hello there, and keeps it for their nudges. */
async function openPersonalChat(deps: TeamsDeps, context: TurnContext, school: School, match: RosterMatch, tenantId: string | undefined): Promise<void> {
  const bot = context.activity.recipient;
  const parameters = {
    isGroup: false,
    bot,
    members: [{ id: match.member.id, name: '' }],
    ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
  } as ConversationParameters;
  await deps.adapter.createConversationAsync(deps.appId, context.activity.channelId, context.activity.serviceUrl, 'https://api.botframework.com', parameters, async (opened) => {
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(opened.activity))) as Record<string, unknown>;
    delete reference.activityId;
    reference.user = { id: match.member.id, aadObjectId: match.member.aadObjectId };
    reference.conversation = { ...(reference.conversation as object), conversationType: 'personal' };
    await deps.stores.conversations.save(school.id, match.staff.id, 'teams', reference, deps.clock.now());
    await opened.sendActivity(`Hello ${match.staff.name}. I'm apbot: I'll remind you of what is due for the pupils in alternative provision, and record what you decide.\n\n${helpText(deps.demo)}`);
  });
}

/**
 * The bot installed in the staff team: its roster is read (every page), each member is matched to
 * the school's staff by email or UPN, and each one found gets their Teams account recorded and a
 * 1:1 chat opened, so nudges reach people who never opened the app. The team hears how many were
 * found and what to do about the rest, by count only.
 */
export async function onTeamInstall(deps: TeamsDeps, context: TurnContext): Promise<void> {
  // Teams sends both a conversationUpdate and an installationUpdate for one install: read once.
  const team = teamInstalled(context) as string;
  if (reading.has(team)) return;
  reading.add(team);
  try {
    await readRoster(deps, context);
  } finally {
    reading.delete(team);
  }
}

/** Teams whose roster is being read right now. */
const reading = new Set<string>();

/**
 * Each member of staff found among these team members by email or UPN gets their Teams account
 * recorded and, unless the bot already has one, a 1:1 chat opened.
 */
async function reachStaffAmong(deps: TeamsDeps, context: TurnContext, schools: readonly School[], roster: readonly TeamsChannelAccount[]): Promise<{ opened: number; unmatched: number; failed: number }> {
  const tenantId = teamsIdentityOf(context)?.tenantId;
  let opened = 0;
  let unmatched = 0;
  let failed = 0;
  for (const school of schools) {
    const { matched, unmatchedStaff } = matchRoster(school, roster);
    unmatched += unmatchedStaff.length;
    for (const match of matched) {
      linkTeamsAccount(match.staff, match.member.aadObjectId, tenantId);
      if (await deps.stores.conversations.get(school.id, match.staff.id, 'teams')) continue;
      // One person's chat refused (a blocked app, a left account) does not stop the others.
      try {
        await openPersonalChat(deps, context, school, match, tenantId);
        opened++;
      } catch (error) {
        failed++;
        deps.log.warn({ status: (error as { statusCode?: unknown }).statusCode, error: error instanceof Error ? error.name : 'unknown' }, 'Teams could not open a 1:1 chat found in the roster');
      }
    }
  }
  return { opened, unmatched, failed };
}

async function readRoster(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const schools = schoolsOf(deps, context);
  if (schools.length === 0) {
    deps.log.warn({ activityType: context.activity.type }, 'Teams team install from a tenant no school names; roster not read');
    return;
  }
  const roster = await wholeRoster(context);
  const { opened, unmatched, failed } = await reachStaffAmong(deps, context, schools, roster);
  deps.log.info({ rosterSize: roster.length, opened, failed, unmatched }, 'Teams roster matched to staff');
  // Said once: a second install event finds every chat already open and stays quiet.
  if (opened === 0) return;
  const rest = unmatched === 0 ? '' : ` ${unmatched} member(s) of staff are not in this team under their work email: the AP lead can run ap staff check to see who.`;
  await context.sendActivity(`I've opened a chat with ${opened} member(s) of staff found in this team by their work email.${rest}`);
}

/** The people (not the bot) just added to a team the bot is already in. */
export function membersJoined(context: TurnContext): string[] {
  const { activity } = context;
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (activity.type !== 'conversationUpdate' || typeof team !== 'string' || teamInstalled(context)) return [];
  const added = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
  return added.flatMap((m) => (typeof m?.id === 'string' && m.id !== activity.recipient?.id ? [m.id] : []));
}

/**
 * New members of the staff team, as at install: each is looked up in the team (for their email
 * and UPN), matched to the school's staff, and found staff get their chat opened, so someone who
 * joins the school's team later is nudged without opening the app. Nothing is said in the team.
 */
export async function onMembersJoined(deps: TeamsDeps, context: TurnContext, joined: readonly string[]): Promise<void> {
  const schools = schoolsOf(deps, context);
  if (schools.length === 0) return;
  const members: TeamsChannelAccount[] = [];
  let unknown = 0;
  for (const id of joined) {
    try {
      members.push(await TeamsInfo.getMember(context, id));
    } catch {
      unknown++;
    }
  }
  const { opened, failed } = await reachStaffAmong(deps, context, schools, members);
  deps.log.info({ joined: joined.length, opened, failed, unknown }, 'Teams members joined the staff team');
}
