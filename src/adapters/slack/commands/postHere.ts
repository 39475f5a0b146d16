import { chooseTeamChannel, TEAM_CHANNEL_NOT_HERE, teamChannelReply } from '../../../app/apTeamChannel.ts';
import { AppError, ErrorCode } from '../../../core/errors.ts';
import { plainMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

/** Slack's answers when the bot cannot post in a channel (not invited, archived, gone). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** A direct message or group DM with the bot (a private channel's id may also start with G, so the name decides). */
function isDirectMessage(channelId: string, channelName: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage' || channelName.startsWith('mpdm-');
}

/**
 * `/ap post here` in a channel: the morning overview goes to this channel. The bot says so in
 * the channel first, which also proves it may post there; if it may not, nothing is kept.
 */
export async function postHere({ ctx, who, channelId, channelName, reply }: CommandRun): Promise<void> {
  if (isDirectMessage(channelId, channelName)) return reply(plainMessage(TEAM_CHANNEL_NOT_HERE.replace('"post here"', '`/ap post here`')));
  const announce = async () => {
    try {
      await ctx.client.chat.postMessage({
        channel: channelId,
        text: `${who.staff.name} asked me to post the morning overview of AP duties here: what is late or due today, and whose it is. Pupils appear by initials and reference only.`,
      });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && CANNOT_POST.has(code)) throw new AppError(ErrorCode.NotPossible, 'I can’t post in this channel yet. Add me with `/invite @apbot`, then say `/ap post here` again.');
      throw error;
    }
  };
  const { changed } = await chooseTeamChannel(ctx.stores, who, 'slack', { channel: channelId }, ctx.clock.now(), announce);
  await reply(plainMessage(teamChannelReply(changed)));
}
