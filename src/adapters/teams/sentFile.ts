import type { TurnContext } from 'botbuilder';
import { answerSentSpreadsheet } from '../../app/chatImport.ts';
import { isAppError } from '../../core/errors.ts';
import { downloadAtMost } from '../download/downloadAtMost.ts';
import { cardAttachment } from './attachments.ts';
import { asTyped } from './text.ts';
import type { Turn } from './turn.ts';

/** How Teams hands a bot a file sent in its 1:1 chat (the manifest's `supportsFiles`). */
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

interface SentFile {
  name: string;
  downloadUrl: string;
}

/** The files sent with a message: each with the pre-authorised address Teams gives for it. */
export function filesSent(context: TurnContext): SentFile[] {
  return (context.activity.attachments ?? []).flatMap((a) => {
    if (a.contentType !== FILE_DOWNLOAD_INFO) return [];
    const url = (a.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    return typeof url === 'string' ? [{ name: typeof a.name === 'string' && a.name !== '' ? a.name : 'That file', downloadUrl: url }] : [];
  });
}

/**
 * Spreadsheets sent to the bot in the 1:1 chat: each checked as a dry run and answered with the
 * card that offers Import and Cancel. The address Teams gives needs no token. Anything refused
 * (not a CSV, too big, not fetched, someone who may not import) is answered in words and changes
 * nothing; anything else is left to the turn's error handler.
 */
export async function answerFilesSent(turn: Turn, files: readonly SentFile[]): Promise<void> {
  const { deps, context, who } = turn;
  for (const file of files) {
    try {
      // Teams does not say how big the file is: it is known as it is fetched.
      const described = { name: file.name, size: undefined, fetch: (maxBytes: number) => downloadAtMost({ name: file.name, url: file.downloadUrl }, maxBytes, 'Teams') };
      const view = await answerSentSpreadsheet(deps.stores, deps.held, who, async () => described, turn.now);
      await context.sendActivity({ attachments: [cardAttachment(view, who.school)] });
    } catch (error) {
      if (!isAppError(error) || !error.isUserError) throw error;
      await context.sendActivity(asTyped(error.message));
    }
  }
}
