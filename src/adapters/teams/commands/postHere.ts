import { TurnContext } from 'botbuilder';
import { chooseTeamChannel, TEAM_CHANNEL_NOT_HERE, teamChannelReply } from '../../../app/apTeamChannel.ts';
import type { Turn } from '../turn.ts';

/**
 * `@apbot post here` in a team channel: the morning overview goes to this channel. The stored
 * reference names the channel itself, not the thread the command was typed in, so each
 * morning's post starts its own thread.
 */
export async function postHere(turn: Turn): Promise<void> {
  const { activity } = turn.context;
  if (activity.conversation?.conversationType !== 'channel') {
    await turn.context.sendActivity(TEAM_CHANNEL_NOT_HERE);
    return;
  }
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown> & { conversation: { id: string } };
  delete reference['activityId'];
  reference.conversation.id = reference.conversation.id.split(';messageid=')[0] as string;
  const { changed } = await chooseTeamChannel(turn.deps.stores, turn.who, 'teams', reference, turn.now);
  await turn.context.sendActivity(teamChannelReply(changed));
}
