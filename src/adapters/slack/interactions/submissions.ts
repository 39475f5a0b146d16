import type { App, ViewSubmitAction } from '@slack/bolt';
import { decide } from '../../../app/decide.ts';
import { DECISIONS, type DecisionName } from '../../../core/decisions/index.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { sendFollowUps } from '../followUps.ts';
import { FORMS, inputBlockIds, type FormMeta } from '../forms.ts';
import { staffBehind, UNKNOWN_USER } from '../people.ts';
import { errorsByBlock, explain } from '../problems.ts';
import { checklistMessage, doneMessage, plainMessage } from '../render.ts';

/**
 * A modal's submit: the decision named by its `callback_id`, recorded before the ack so that a
 * refusal comes back as `response_action: errors` beside the fields and the modal stays open.
 */
export function registerSubmissions(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body, view }) => {
    const decision = view.callback_id as DecisionName;
    const form = DECISIONS.has(decision) ? FORMS[decision] : undefined;
    if (!form) return ack();
    const blockIds = inputBlockIds(form, undefined);
    const first = blockIds[0] ?? '';
    const meta = parseMeta(view.private_metadata);
    const userId = body.user.id;

    const who = await staffBehind(ctx, userId, body.user.team_id ?? body.team?.id);
    if (!who) return ack({ response_action: 'errors', errors: { [first]: UNKNOWN_USER } });
    const key = `slack:${view.id}`;
    const now = ctx.clock.now();
    let result;
    try {
      result = await decide(ctx.stores, {
        school: who.school,
        actor: who.actor,
        decision,
        placementId: meta.placementId,
        input: form.input(view.state.values, meta),
        idempotencyKey: key,
        expectedVersion: meta.version,
        now,
      });
    } catch (error) {
      return ack({ response_action: 'errors', errors: errorsByBlock(error, blockIds, first, ctx.log) });
    }
    await ack();

    try {
      await sendFollowUps(ctx, who, result, key);
      const done = doneMessage(result.summary, userId, now, who.school);
      if (meta.origin) await ctx.client.chat.update({ channel: meta.origin.channel, ts: meta.origin.ts, text: done.text, blocks: done.blocks });
      if (decision === 'commissionPlacement') await dm(ctx, userId, checklistMessage(result.record.placement));
      else if (decision === 'logConcern') await dm(ctx, userId, plainMessage(`Thank you. ${result.summary}; it has gone to the designated safeguarding lead.`));
      else if (!meta.origin) await dm(ctx, userId, done);
    } catch (error) {
      explain(ctx.log, error);
    }
  });
}

function parseMeta(raw: string): FormMeta {
  try {
    const meta = JSON.parse(raw) as unknown;
    return typeof meta === 'object' && meta !== null ? (meta as FormMeta) : {};
  } catch {
    return {};
  }
}
