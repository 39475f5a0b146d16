import type { App, ViewSubmitAction } from '@slack/bolt';
import { decide } from '../../../app/decide.ts';
import { DECISIONS, type DecisionName } from '../../../core/decisions/index.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { fieldValues, FORMS } from '../forms.ts';
import { staffBehind, UNKNOWN_USER } from '../people.ts';
import { errorsByBlock, explain } from '../problems.ts';
import { checklistMessage, doneMessage, type ModalMeta } from '../render.ts';

/**
 * A modal's submit: the decision named by its `callback_id`, recorded before the ack so that a
 * refusal comes back as `response_action: errors` beside the fields and the modal stays open.
 * Its input is what the card fixed (`private_metadata`) plus what was typed (block id = field).
 */
export function registerSubmissions(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body, view }) => {
    const decision = view.callback_id as DecisionName;
    if (!DECISIONS.has(decision)) return ack();
    const values = view.state.values;
    const fromBlocks = (view.blocks ?? []).flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
    const blockIds = fromBlocks.length > 0 ? fromBlocks : Object.keys(values);
    const first = blockIds[0] ?? '';
    const meta = parseMeta(view.private_metadata);
    const userId = body.user.id;

    const who = await staffBehind(ctx, userId, body.user.team_id ?? body.team?.id);
    if (!who) return ack({ response_action: 'errors', errors: { [first]: UNKNOWN_USER } });
    if ('answer' in who) return ack({ response_action: 'errors', errors: { [first]: who.answer } });
    const form = FORMS[decision];
    const key = `slack:${view.id}`;
    const now = ctx.clock.now();
    let result;
    try {
      result = await decide(ctx.stores, {
        school: who.school,
        actor: who.actor,
        decision,
        placementId: meta.placementId ?? undefined,
        input: form ? form.input(values) : { ...meta.input, ...fieldValues(values) },
        idempotencyKey: key,
        expectedVersion: meta.version ?? undefined,
        now,
      });
    } catch (error) {
      return ack({ response_action: 'errors', errors: errorsByBlock(error, blockIds, first, ctx.log) });
    }
    await ack();

    try {
      const done = doneMessage(decision, result.record.placement, who.staff.id, result.at, who.school, result.replayed);
      if (meta.origin) await ctx.client.chat.update({ channel: meta.origin.channel, ts: meta.origin.ts, text: done.text, blocks: done.blocks });
      if (decision === 'commissionPlacement') await dm(ctx, userId, checklistMessage(result.record.placement));
      else if (!meta.origin) await dm(ctx, userId, done);
    } catch (error) {
      explain(ctx.log, error);
    }
  });
}

function parseMeta(raw: string): ModalMeta {
  try {
    const meta = JSON.parse(raw) as unknown;
    return typeof meta === 'object' && meta !== null ? (meta as ModalMeta) : {};
  } catch {
    return {};
  }
}
