import type { WebClient } from '@slack/web-api';
import type { ChatDeps } from '../../ports/chatAdapter.ts';
import type { NudgeChannel } from '../../ports/nudgeChannel.ts';

/** What every Slack handler works with: the bot's dependencies, the web client, and the DM channel. */
export interface SlackContext extends ChatDeps {
  client: WebClient;
  channel: NudgeChannel;
}
