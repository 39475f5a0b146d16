import { identify } from '../../app/identity.ts';
import { ActivityTypes, TurnContext, type InvokeResponse } from 'botbuilder';
import { isAppError } from '../../core/errors.ts';
import { onCardAction } from './cardActions.ts';
import { runCommand } from './commands/index.ts';
import { helpText } from './commands/help.ts';
import { asTyped } from './text.ts';
import { rememberPersonalChat } from './conversations.ts';
import { membersJoined, onMembersJoined, onTeamInstall, teamInstalled } from './teamRoster.ts';
import { answerFilesSent, filesSent } from './sentFile.ts';
import { teamsIdentityOf, whoIs, type TeamsDeps } from './turn.ts';
import { strangerReply } from '../../app/guards.ts';
import type { Identified } from '../../app/identity.ts';
import { approvalsWaitingFor, dueIn, openPlacements } from '../../app/queries.ts';
import { approvalCard, dueCard } from './attachments.ts';

/** Longer than any command; a longer message is pasted text, not a command. */
const MAX_COMMAND_LENGTH = 500;

/** Pupils' details stay in each person's 1:1 chat with the bot; a team channel or group chat gets only help. */
const PERSONAL_ONLY = 'I keep pupils’ details to our 1:1 chat: open a chat with me and ask there.';
/** What a team channel or group chat may ask: help, and (in a channel) to become the team channel. */
const SHARED_COMMANDS = /^(help|post\s+here)\b/i;

/** The text of a message with the bot's @mention taken out (a channel message starts with `<at>apbot</at>`). */
function commandText(context: TurnContext): string {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

async function onMessage(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const text = typeof context.activity.text === 'string' ? commandText(context) : '';
  const found = await whoIs(deps, context, 'message', text);
  if (!found) {
    await context.sendActivity(strangerReply('teams'));
    return;
  }
  if ('answer' in found) {
    await context.sendActivity(found.answer);
    return;
  }
  await rememberPersonalChat(deps, context, found.self);
  if (text.length > MAX_COMMAND_LENGTH) {
    await context.sendActivity(`That is longer than any command I know. ${helpText(deps.demo)}`);
    return;
  }
  const shared = context.activity.conversation?.conversationType !== undefined && context.activity.conversation.conversationType !== 'personal';
  if (shared && !SHARED_COMMANDS.test(text)) {
    await context.sendActivity(PERSONAL_ONLY);
    return;
  }
  const files = filesSent(context);
  if (files.length > 0) return answerFilesSent({ deps, context, ...found, now: deps.clock.now() }, files);
  try {
    await runCommand({ deps, context, ...found, now: deps.clock.now() }, text);
  } catch (error) {
    if (!isAppError(error) || !error.isUserError) throw error;
    await context.sendActivity(error.code === 'not_found' ? `${asTyped(error.message)}\n\nSay **help** for what I can do.` : asTyped(error.message));
  }
}

/**
 * Install in a team: match its roster to the staff and open their chats. Install in a personal
 * chat (or the Playground's page load): remember it, and say hello the first time.
 */
async function onConversationUpdate(deps: TeamsDeps, context: TurnContext): Promise<void> {
  if (teamInstalled(context)) return onTeamInstall(deps, context);
  const joined = membersJoined(context);
  if (joined.length > 0) return onMembersJoined(deps, context, joined);
  const botId = context.activity.recipient?.id;
  const added = Array.isArray(context.activity.membersAdded) ? context.activity.membersAdded : [];
  if (!added.some((m) => m?.id === botId)) return;
  const identity = teamsIdentityOf(context);
  const schools = identity ? identify(deps.schools, identity) : [];
  // A stranger's install is audited by the guard; someone on the staff of two schools is reached here for both.
  if (schools.length === 0) return void (await whoIs(deps, context, 'install'));
  let isNew = false;
  for (const self of schools) isNew = (await rememberPersonalChat(deps, context, self)) || isNew;
  if (!isNew) return;
  await context.sendActivity(`Hello ${schools[0]!.staff.name}. I'll remind you of what is due for the pupils in alternative provision, and record what you decide.\n\n${helpText(deps.demo)}`);
  // The demo opens on what this person has to do, and any approval waiting for them.
  if (deps.demo) {
    const found = await whoIs(deps, context, 'install');
    if (found && !('answer' in found)) await sendWhatWaits(deps, context, found.who);
  }
}

async function sendWhatWaits(deps: TeamsDeps, context: TurnContext, who: Identified): Promise<void> {
  const now = deps.clock.now();
  const open = await openPlacements(deps.stores, who.school, now);
  const due = dueIn(open, who.school, who.actor);
  const approvals = approvalsWaitingFor(open, who.actor);
  await context.sendActivity({ attachments: [dueCard(due, who.school, now, who.actor), ...approvals.map((p) => approvalCard(p, who.school, now, who.actor))] });
}

async function onInvoke(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const response: InvokeResponse =
    context.activity.name === 'adaptiveCard/action' ? await onCardAction(deps, context) : { status: 400, body: { message: 'This bot answers card actions (adaptiveCard/action) only' } };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

const ROUTES: Partial<Record<string, (deps: TeamsDeps, context: TurnContext) => Promise<void>>> = {
  [ActivityTypes.Message]: onMessage,
  [ActivityTypes.ConversationUpdate]: onConversationUpdate,
  [ActivityTypes.Invoke]: onInvoke,
  [ActivityTypes.InstallationUpdate]: async (deps, context) => (teamInstalled(context) ? onTeamInstall(deps, context) : undefined),
};

/** The bot's turn: each activity type to its handler; anything else is acknowledged and ignored. */
export function botLogic(deps: TeamsDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    await ROUTES[context.activity.type]?.(deps, context);
  };
}
