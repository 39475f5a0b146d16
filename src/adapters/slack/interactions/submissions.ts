import type { App, ViewStateValue, ViewSubmitAction } from '@slack/bolt';
import { decide } from '../../../app/decide.ts';
import { decisionInput, type Typed } from '../../../app/formInput.ts';
import { cardAfter, fieldsFor, placementNamed, pressKey, strangerReply } from '../../../app/guards.ts';
import { DECISIONS, type DecisionName } from '../../../core/decisions/index.ts';
import type { FormField } from '../../../views/viewModel.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { postToResponseUrl } from '../responseUrl.ts';
import { staffBehind } from '../people.ts';
import { errorsByBlock, explain } from '../problems.ts';
import { answerMessage, type ModalMeta, type SlackMessage } from '../render.ts';

type StateValues = Record<string, Record<string, ViewStateValue>>;

/** What was typed or picked in a modal, by block id (the decision input's field); empty fields left out. */
function typedIn(values: StateValues): Typed {
  return Object.fromEntries(
    Object.entries(values).flatMap(([blockId, actions]): [string, string | string[]][] => {
      const v = Object.values(actions)[0];
      if (v?.selected_options) return [[blockId, v.selected_options.map((o) => o.value)]];
      const picked = v?.value ?? v?.selected_date ?? v?.selected_option?.value ?? undefined;
      return picked === undefined || picked === null || picked === '' ? [] : [[blockId, picked]];
    }),
  );
}

/**
 * A modal's submit: the decision named by its `callback_id`, recorded before the ack so that a
 * refusal comes back as `response_action: errors` beside the fields and the modal stays open as
 * typed. Its input is what the card fixed (`private_metadata`) plus what was typed (block id = field).
 */
export function registerSubmissions(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body, view }) => {
    const decision = view.callback_id as DecisionName;
    if (!DECISIONS.has(decision)) return ack();
    const fromBlocks = (view.blocks ?? []).flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
    const blockIds = fromBlocks.length > 0 ? fromBlocks : Object.keys(view.state.values);
    const first = blockIds[0] ?? '';
    const meta = parseMeta(view.private_metadata);
    const userId = body.user.id;

    const who = await staffBehind(ctx, userId, body.user.team_id ?? body.team?.id, 'form');
    if (!who) return ack({ response_action: 'errors', errors: { [first]: strangerReply('slack') } });
    if ('answer' in who) return ack({ response_action: 'errors', errors: { [first]: who.answer } });
    const now = ctx.clock.now();
    let result;
    let fields: FormField[] = [];
    try {
      const placement = meta.placementId ? await placementNamed(ctx.stores, who.school, meta.placementId) : undefined;
      fields = fieldsFor(decision, placement, who, now, { actionId: meta.actionId, input: meta.input ?? {} });
      const input = decisionInput(decision, meta.input ?? {}, typedIn(view.state.values), fields);
      result = await decide(ctx.stores, {
        school: who.school,
        actor: who.actor,
        decision,
        placementId: meta.placementId ?? undefined,
        input,
        idempotencyKey: pressKey('slack', meta.actionId ?? view.id, meta.version, who.staff.id),
        expectedVersion: meta.version ?? undefined,
        now,
      });
    } catch (error) {
      return ack({ response_action: 'errors', errors: errorsByBlock(error, fields, blockIds, first, ctx.log) });
    }
    await ack();

    try {
      const answer = answerMessage(cardAfter(result, who, now));
      if (meta.origin) await replaceOrigin(ctx, meta.origin, answer);
      else await dm(ctx, userId, answer);
    } catch (error) {
      explain(ctx.log, error);
    }
  });
}

/** The card the modal was opened from, replaced by what the app answers. */
async function replaceOrigin(ctx: SlackContext, origin: NonNullable<ModalMeta['origin']>, message: SlackMessage): Promise<void> {
  if ('ts' in origin) {
    await ctx.client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: message.blocks });
    return;
  }
  await postToResponseUrl(origin.responseUrl, { response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
}

function parseMeta(raw: string): ModalMeta {
  try {
    const meta = JSON.parse(raw) as unknown;
    return typeof meta === 'object' && meta !== null ? (meta as ModalMeta) : {};
  } catch {
    return {};
  }
}
