import type { App } from '@slack/bolt';
import { answerSentSpreadsheet, type SentFile } from '../../app/chatImport.ts';
import { strangerReply } from '../../app/guards.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { downloadAtMost } from '../download/downloadAtMost.ts';
import { slackMessage } from './blocks/slackMessage.ts';
import type { SlackContext } from './context.ts';
import { whenAcked } from '../ackFirst.ts';
import { staffBehind } from './people.ts';
import { explain } from './problems.ts';
import { helpMessage, plainMessage, type SlackMessage } from './render.ts';

/** A file as a `file_share` message carries it; with `file_access: check_file_info`, only its id. */
interface SlackFile {
  id: string;
  name?: string;
  size?: number;
  url_private_download?: string;
  file_access?: string;
}

/** The whole file record, asked of Slack when the message carried only the file's id. */
async function fileInfo(ctx: SlackContext, file: SlackFile): Promise<SlackFile> {
  if (file.url_private_download && file.name) return file;
  const info = await ctx.client.files.info({ file: file.id });
  return { ...file, ...(info.file as SlackFile | undefined) };
}

/** Where Slack (and GovSlack) serve shared files. */
const SLACK_FILE_HOST = /^https:\/\/([a-z0-9-]+\.)*(slack\.com|slack-gov\.com)\//i;

/** A shared file as the app reads it: its record from Slack, fetched with the bot token from Slack's own file servers only. */
async function describeFile(ctx: SlackContext, shared: SlackFile, botToken: string): Promise<SentFile> {
  const file = await fileInfo(ctx, shared);
  const name = file.name ?? 'That file';
  const url = file.url_private_download ?? '';
  return {
    name,
    size: file.size,
    fetch: async (maxBytes) => {
      if (!SLACK_FILE_HOST.test(url)) throw new AppError(ErrorCode.NotPossible, `I could not fetch ${name} from Slack (it did not come with a Slack address). Nothing was changed.`);
      return downloadAtMost({ name, url, headers: { authorization: `Bearer ${botToken}` } }, maxBytes, 'Slack');
    },
  };
}

/** What someone typing in the DM is told: commands are `/ap`, and a spreadsheet can be shared here. */
const TYPED_IN_DM = 'I read messages here only to take a placements spreadsheet: share the CSV file with me and I will show what importing it would do.';

/**
 * The bot's DM (`message.im`). A spreadsheet shared there (subtype `file_share`) is checked as a
 * dry run and answered with the card that offers Import and Cancel. Only the AP lead and the
 * headteacher may import; anything not a CSV, too big or not fetched is answered in words and
 * changes nothing. The file is fetched with the bot token, as Slack requires. Anything typed is
 * answered with the commands, which are `/ap`.
 */
export function registerDirectMessages(app: App, ctx: SlackContext, botToken: string): void {
  app.event('message', async ({ event, body }) => {
    if (event.channel_type !== 'im' || (event.subtype !== 'file_share' && event.subtype !== undefined)) return;
    whenAcked(ctx, 'slack', async () => {
      const channel = event.channel;
      const say = (message: SlackMessage) => ctx.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }).then(() => undefined);
      if (event.subtype === undefined) return void (await say(helpMessage(TYPED_IN_DM)).catch(() => undefined));
      try {
        const who = await staffBehind(ctx, event.user, body.team_id, 'file', { conversationId: channel });
        if (!who) return await say(plainMessage(strangerReply('slack')));
        if ('answer' in who) return await say(plainMessage(who.answer));
        for (const shared of (event.files ?? []) as SlackFile[]) {
          try {
            const view = await answerSentSpreadsheet(ctx.stores, ctx.held, who, () => describeFile(ctx, shared, botToken), ctx.clock.now());
            await say(slackMessage(view));
          } catch (error) {
            await say(plainMessage(explain(ctx.log, error)));
          }
        }
      } catch (error) {
        await say(plainMessage(explain(ctx.log, error))).catch(() => undefined);
      }
    });
  });
}
