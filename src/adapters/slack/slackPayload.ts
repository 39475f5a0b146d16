import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';

const id = z.string().min(1).max(255);
const user = z.looseObject({ id, team_id: id.optional() });
const text = z.string().max(40_000);
/** Block Kit as Slack sends it back: objects with a type. */
const blocks = z.array(z.looseObject({ type: z.string().max(100), block_id: z.string().max(255).optional() })).max(100);
/** A modal's field values: block id to action id to the element's state. */
const stateValues = z.record(z.string().max(255), z.record(z.string().max(255), z.looseObject({ type: z.string().max(100) })));

/** An interactive payload (`payload=` in a form body): a button, a modal, a shortcut. */
const interaction = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('block_actions'),
    user,
    actions: z.array(z.looseObject({ action_id: id, type: z.string().max(100), block_id: z.string().max(255).optional(), value: z.string().max(2000).optional() })).min(1).max(25),
  }),
  z.looseObject({
    type: z.literal('view_submission'),
    user,
    view: z.looseObject({ id, callback_id: z.string().max(255), private_metadata: z.string().max(3000).optional(), state: z.looseObject({ values: stateValues }), blocks: blocks.optional() }),
  }),
  z.looseObject({ type: z.literal('view_closed'), user, view: z.looseObject({ id }) }),
  z.looseObject({ type: z.enum(['shortcut', 'message_action', 'block_suggestion']), user }),
]);

/** A slash command, form-encoded: the bot's only one (the manifest registers `/ap`; Bolt would leave any other unanswered). */
const command = z.looseObject({ command: z.literal('/ap'), user_id: id, team_id: id, text: z.string().max(4000).default(''), channel_id: id.optional(), trigger_id: z.string().max(255).optional() });

/** An Events API body (JSON). */
const eventsBody = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1000) }),
  z.looseObject({
    type: z.literal('event_callback'),
    team_id: id,
    // The fields Bolt and the bot read before any handler of theirs could catch a wrong type.
    event: z.looseObject({
      type: z.string().min(1).max(100),
      subtype: z.string().max(100).optional(),
      user: id.optional(),
      channel: id.optional(),
      channel_type: z.string().max(100).optional(),
      tab: z.string().max(100).optional(),
      text: text.optional(),
      ts: z.string().max(100).optional(),
      thread_ts: z.string().max(100).optional(),
      event_ts: z.string().max(100).optional(),
      bot_id: z.string().max(255).optional(),
    }),
  }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

/**
 * Whether a verified body is a Slack payload the bot can hand to Bolt: an Events API object, a slash
 * command, an interactive payload, or Slack's SSL check. Bolt reads fields of whatever JSON it
 * gets outside its error handling (`payload=null` stopped the process), so nothing else reaches it.
 */
export function isSlackPayload(body: Buffer, contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json') return eventsBody.safeParse(parseJson(text)).success;
  if (type !== 'application/x-www-form-urlencoded') return false;
  const form = parseQuery(text);
  if ('payload' in form) return typeof form.payload === 'string' && interaction.safeParse(parseJson(form.payload)).success;
  if (form.ssl_check === '1') return true;
  return command.safeParse(form).success;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
