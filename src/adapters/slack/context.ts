import type { WebClient } from '@slack/web-api';
import type { HeldImports } from '../../app/chatImport.ts';
import type { ChatDeps } from '../../ports/chatAdapter.ts';
import type { NudgeChannel } from '../../ports/nudgeChannel.ts';

/** What every Slack handler works with: the bot's dependencies, the web client, and the DM channel. */
export interface SlackContext extends ChatDeps {
  client: WebClient;
  channel: NudgeChannel;
  /** Spreadsheets sent in the DM, between their dry run and Import or Cancel. */
  held: HeldImports;
}
