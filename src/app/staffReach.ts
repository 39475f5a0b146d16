import type { School, StaffMember } from '../core/policy/schoolConfig.ts';
import { emailKey } from '../core/policy/staffByEmail.ts';
import type { ConversationStore } from '../ports/conversationStore.ts';
import type { Identified } from './identity.ts';

/** Finds a Slack user by their email (Slack's `users.lookupByEmail`); undefined when nobody has it. */
export type SlackLookup = (email: string) => Promise<string | undefined>;

export interface StaffReach {
  staffId: string;
  teams: string;
  slack: string;
  reachable: boolean;
}

export interface ReachCheck {
  reach: StaffReach[];
  /** Slack accounts found by email for people the school file has none for, to keep there. */
  foundInSlack: Map<string, string>;
}

async function teamsReach(school: School, member: StaffMember, conversations: ConversationStore): Promise<[string, boolean]> {
  if (await conversations.get(school.id, member.id, 'teams')) return ['yes', true];
  if (!member.teams)
    return [member.email ? `not in the staff team's roster with ${member.email}: add them to the team the bot is installed in, or set teams.aadObjectId in the school file` : 'no email to match them in the staff team by: add it (ap import staff), or set teams.aadObjectId', false];
  return ['has not opened the app yet: pin it for them (Teams admin centre), or ask them to open it once', false];
}

async function slackReach(member: StaffMember, lookup: SlackLookup | undefined, found: Map<string, string>): Promise<[string, boolean]> {
  if (member.slack) return ['yes', true];
  if (!member.email) return ['no email to look them up by: add it (ap import staff)', false];
  if (!lookup) return ['not looked up: Slack is not set up (SLACK_BOT_TOKEN)', false];
  const userId = await lookup(emailKey(member.email));
  if (!userId) return [`no Slack account has ${member.email}: check the address, or invite them to the workspace`, false];
  found.set(member.id, userId);
  return [`yes, found by email (${userId})`, true];
}

/**
 * Who the bot can reach and on which chat, and for everyone else why not and what to do. Slack
 * accounts are looked up by email; a Teams account is the one the school file names or the one
 * found by email in the staff team's roster when the bot was installed there.
 */
export async function checkStaffReach(school: School, conversations: ConversationStore, platforms: { teams: boolean; slack: boolean }, lookup?: SlackLookup): Promise<ReachCheck> {
  const foundInSlack = new Map<string, string>();
  const reach: StaffReach[] = [];
  for (const member of school.config.staff) {
    const [teams, inTeams] = platforms.teams ? await teamsReach(school, member, conversations) : ['Teams is not set up', false];
    const [slack, inSlack] = platforms.slack ? await slackReach(member, lookup, foundInSlack) : ['Slack is not set up', false];
    reach.push({ staffId: member.id, teams, slack, reachable: inTeams || inSlack });
  }
  return { reach, foundInSlack };
}

/** Who the bot cannot reach yet, by name: shown to the AP lead and the headteacher, who can act on it; nobody else sees the list. */
export async function unreachableStaffFor(who: Identified, conversations: ConversationStore, platforms: { teams: boolean; slack: boolean }): Promise<string[]> {
  const { school, actor } = who;
  if (!actor.roles.includes('ap_lead') && !actor.roles.includes('headteacher')) return [];
  const { reach } = await checkStaffReach(school, conversations, platforms);
  return reach.filter((r) => !r.reachable).map((r) => school.config.staff.find((m) => m.id === r.staffId)?.name ?? r.staffId);
}
