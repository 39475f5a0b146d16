import type { SlackContext } from './context.ts';
import type { SlackMessage } from './render.ts';

/** A direct message from the bot to one person (where a modal's outcome or a home action's reply goes). */
export async function dm(ctx: SlackContext, userId: string, message: SlackMessage): Promise<void> {
  const opened = await ctx.client.conversations.open({ users: userId });
  if (!opened.channel?.id) return;
  await ctx.client.chat.postMessage({ channel: opened.channel.id, text: message.text, blocks: message.blocks, unfurl_links: false });
}
