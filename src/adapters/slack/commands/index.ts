import type { App, SlashCommand } from '@slack/bolt';
import { parseCommand, type Command } from '../../../app/commands.ts';
import type { Identified } from '../../../app/identity.ts';
import { ErrorCode, isAppError } from '../../../core/errors.ts';
import type { SlackContext } from '../context.ts';
import { strangerReply } from '../../../app/guards.ts';
import { staffBehind } from '../people.ts';
import { explain } from '../problems.ts';
import { whenAcked } from '../../ackFirst.ts';
import { postToResponseUrl } from '../responseUrl.ts';
import { helpMessage, plainMessage, type SlackMessage } from '../render.ts';
import { due } from './due.ts';
import { help } from './help.ts';
import { formFor } from './formFor.ts';
import { postHere } from './postHere.ts';
import { register } from './register.ts';
import { status } from './status.ts';

export interface CommandRun<C extends Command = Command> {
  ctx: SlackContext;
  who: Identified;
  command: C;
  triggerId: string;
  /** Where the command was typed: a channel (C…, or G… if private), or a DM (D…). */
  channelId: string;
  /** Its name as Slack gives it: `directmessage` and `mpdm-…` for direct messages. */
  channelName: string;
  reply(message: SlackMessage): Promise<void>;
}

type Handlers = { [N in Command['name']]: (run: CommandRun<Extract<Command, { name: N }>>) => Promise<void> };

const HANDLERS: Handlers = {
  help,
  due,
  status,
  new: formFor,
  review: formFor,
  concern: formFor,
  end: formFor,
  'ptt propose': formFor,
  'post here': postHere,
  register,
};

/** `/ap …`: acked at once, then the work; every answer is ephemeral, seen by the person who typed it. */
export function registerApCommand(app: App, ctx: SlackContext): void {
  app.command('/ap', async ({ ack, command }) => {
    await ack();
    whenAcked(ctx, 'slack', () => answerCommand(ctx, command));
  });
}

async function answerCommand(ctx: SlackContext, command: SlashCommand): Promise<void> {
  const reply = (message: SlackMessage) => postToResponseUrl(command.response_url, { response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  try {
    const who = await staffBehind(ctx, command.user_id, command.team_id, 'command', { conversationId: command.channel_id, text: command.text });
    if (!who) return await reply(plainMessage(strangerReply('slack')));
    if ('answer' in who) return await reply(plainMessage(who.answer));
    let parsed: Command;
    try {
      parsed = parseCommand(command.text);
    } catch (error) {
      // parseCommand's message ends with its own list; ours is the one with `/ap` in front.
      return await reply(helpMessage(isAppError(error) && error.isUserError ? error.message.split('\n')[0] : undefined));
    }
    const run = { ctx, who, command: parsed, triggerId: command.trigger_id, channelId: command.channel_id, channelName: command.channel_name, reply };
    await (HANDLERS[parsed.name] as (run: CommandRun) => Promise<void>)(run);
  } catch (error) {
    // An unknown pupil reference gets the list too: the person may have mistyped the command.
    const message = isAppError(error) && error.code === ErrorCode.NotFound ? helpMessage(error.message) : plainMessage(explain(ctx.log, error));
    await reply(message).catch(() => undefined);
  }
}
