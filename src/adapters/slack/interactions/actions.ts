import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decide } from '../../../app/decide.ts';
import type { Identified } from '../../../app/identity.ts';
import { DECISIONS, type DecisionName } from '../../../core/decisions/index.ts';
import { ErrorCode, isAppError } from '../../../core/errors.ts';
import type { Placement } from '../../../core/placement/placement.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { FORMS } from '../forms.ts';
import { publishHome } from '../home.ts';
import { openForm } from '../openForm.ts';
import { staffBehind, UNKNOWN_USER } from '../people.ts';
import { explain } from '../problems.ts';
import { approvalMessage, checklistMessage, doneMessage, plainMessage, statusMessage, type ButtonValue, type SlackMessage } from '../render.ts';
import { deriveObligations } from '../../../core/obligations/deriveObligations.ts';

/**
 * A button on a card: its `action_id` is the decision's name. A decision that needs more than
 * the button carries opens its modal; the rest are recorded at once and the card is replaced by
 * what was done, or, if it was stale, by how things stand now.
 */
export function registerActions(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    await ack();
    const action = body.actions[0];
    if (action?.type !== 'button' || !DECISIONS.has(action.action_id)) return;
    const decision = action.action_id as DecisionName;
    const userId = body.user.id;
    const origin = body.container.type === 'message' && body.channel ? { channel: body.channel.id, ts: body.container.message_ts as string } : undefined;
    const tell = (message: SlackMessage) =>
      origin ? respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }).then(() => undefined) : dm(ctx, userId, message);

    try {
      const who = await staffBehind(ctx, userId, body.user.team_id ?? body.team?.id);
      if (!who) return await tell(plainMessage(UNKNOWN_USER));
      const value = parseValue(action.value);
      if (!value) return await tell(plainMessage('That button no longer works. Try `/ap due` or `/ap status`.'));

      if (FORMS[decision]) {
        const placement = (await ctx.stores.placements.get(who.school.id, value.placementId))?.placement;
        return await openForm(ctx, who, body.trigger_id, decision, placement, {
          placementId: value.placementId,
          ...(value.version !== undefined ? { version: value.version } : {}),
          ...(value.obligation ? { obligation: value.obligation } : {}),
          ...(origin ? { origin } : {}),
        });
      }

      const now = ctx.clock.now();
      const where = body.container.type === 'message' ? body.container.message_ts : body.container.view_id;
      try {
        const result = await decide(ctx.stores, {
          school: who.school,
          actor: who.actor,
          decision,
          placementId: value.placementId,
          input: value.input ?? {},
          idempotencyKey: `slack:${where}:${action.block_id}:${decision}:${userId}`,
          expectedVersion: value.version,
          now,
        });
        const after = decision === 'tickChecklistItem' ? checklistMessage(result.record.placement) : doneMessage(result.summary, userId, now, who.school);
        await refresh(ctx, origin, after, userId, body.team?.id);
      } catch (error) {
        if (!isAppError(error) || error.code !== ErrorCode.Conflict) throw error;
        const current = (await ctx.stores.placements.get(who.school.id, value.placementId))?.placement;
        if (current) await refresh(ctx, origin, cardNow(decision, current, who, now), userId, body.team?.id);
        await tell(plainMessage(error.message));
      }
    } catch (error) {
      await tell(plainMessage(explain(ctx.log, error))).catch(() => undefined);
    }
  });
}

/** The card replaced in place; a button on App Home republishes the home instead. */
async function refresh(ctx: SlackContext, origin: { channel: string; ts: string } | undefined, message: SlackMessage, userId: string, teamId: string | undefined) {
  if (origin) await ctx.client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: message.blocks });
  else await publishHome(ctx, userId, teamId);
}

/** A stale card, drawn again from the placement as it now stands. */
function cardNow(decision: DecisionName, placement: Placement, who: Identified, now: Date): SlackMessage {
  if (decision === 'tickChecklistItem') return checklistMessage(placement);
  if (decision === 'approvePartTimeTimetable' && placement.status === 'proposed') return approvalMessage(placement);
  return statusMessage([{ placement, obligations: deriveObligations(placement, who.school, now) }]);
}

function parseValue(raw: string | undefined): ButtonValue | undefined {
  try {
    const value = JSON.parse(raw ?? '') as Partial<ButtonValue> | null;
    return value && typeof value.placementId === 'string' ? (value as ButtonValue) : undefined;
  } catch {
    return undefined;
  }
}
