import { chooseTeamChannel, TEAM_CHANNEL_NOT_HERE, teamChannelReply } from '../../../app/teamChannel.ts';
import { plainMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

/** A direct message or group DM with the bot; `post here` belongs in a channel. */
const NOT_A_CHANNEL = /^[DG]/;

/** `/ap post here` in a channel: the morning overview goes to this channel (the bot must be a member to post). */
export async function postHere({ ctx, who, channelId, reply }: CommandRun): Promise<void> {
  if (NOT_A_CHANNEL.test(channelId)) return reply(plainMessage(TEAM_CHANNEL_NOT_HERE.replace('"post here"', '`/ap post here`')));
  const { changed } = await chooseTeamChannel(ctx.stores, who, 'slack', { channel: channelId }, ctx.clock.now());
  await reply(plainMessage(`${teamChannelReply(changed)}${changed ? ' If I am not a member of this channel yet, add me with /invite.' : ''}`));
}
