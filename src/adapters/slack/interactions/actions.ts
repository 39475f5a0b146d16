import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decide } from '../../../app/decide.ts';
import type { Identified } from '../../../app/identity.ts';
import { attendanceSessionOf, dueListFor, openPlacements } from '../../../app/queries.ts';
import { withAttendance } from '../../../app/withAttendance.ts';
import { DECISIONS, type DecisionName } from '../../../core/decisions/index.ts';
import { ErrorCode, isAppError } from '../../../core/errors.ts';
import type { Placement } from '../../../core/placement/placement.ts';
import { isViewVerb, type ViewVerb } from '../../../views/verbs.ts';
import type { ActionPayload } from '../../../views/viewModel.ts';
import { verbOf } from '../blocks/parts.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { publishHome } from '../home.ts';
import { openModal } from '../openForm.ts';
import { mayReadPlacements, staffBehind, UNKNOWN_USER } from '../people.ts';
import { explain } from '../problems.ts';
import {
  actionFormModal,
  actionOnCards,
  approvalMessage,
  checklistMessage,
  doneMessage,
  dueMessage,
  obligationOf,
  openPlacementsMessage,
  placementFormModal,
  plainMessage,
  reminderMessage,
  summaryMessage,
  type Origin,
  type SlackMessage,
} from '../render.ts';

const FORM_DECISION: Partial<Record<ViewVerb, DecisionName>> = { openReviewForm: 'recordReview', openConcernForm: 'logConcern', openEndPlacementForm: 'endPlacement' };

interface Press {
  ctx: SlackContext;
  who: Identified;
  payload: ActionPayload;
  placement: Placement;
  triggerId: string;
  userId: string;
  origin: Origin | undefined;
  /** Where the button was: the message, or App Home. */
  where: string;
  tell(message: SlackMessage): Promise<void>;
  refresh(message: SlackMessage): Promise<void>;
}

/**
 * A button on a card: its `action_id` is the verb. A decision that needs more than the button
 * carries opens its modal; the rest are recorded at once and the card is replaced by what was
 * done, or, if it was stale, by how things stand now. View verbs show another card.
 */
export function registerActions(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body, respond }) => {
    await ack();
    const action = body.actions[0];
    if (action?.type !== 'button') return;
    const verb = verbOf(action.action_id);
    if (!DECISIONS.has(verb) && !isViewVerb(verb)) return;
    const userId = body.user.id;
    const teamId = body.user.team_id ?? body.team?.id;
    const origin = body.container.type === 'message' && body.channel ? { channel: body.channel.id, ts: body.container.message_ts as string } : undefined;
    const tell = (message: SlackMessage) =>
      origin ? respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }).then(() => undefined) : dm(ctx, userId, message);
    // The card replaced in place; a button on App Home republishes the home instead.
    const refresh = async (message: SlackMessage) => {
      if (origin) await ctx.client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: message.blocks });
      else await publishHome(ctx, userId, teamId);
    };

    try {
      const who = await staffBehind(ctx, userId, teamId, origin?.channel);
      if (!who) return await tell(plainMessage(UNKNOWN_USER));
      if ('answer' in who) return await tell(plainMessage(who.answer));
      const payload = parsePayload(action.value);
      // "Show more" is about a list, not a placement.
      if (payload && verb === 'showMore') return await tell(await nextPage(ctx, who, payload));
      const record = payload?.placementId ? await ctx.stores.placements.get(who.school.id, payload.placementId) : undefined;
      if (!payload || !record) return await tell(plainMessage('That button no longer works. Try `/ap due` or `/ap status`.'));
      const placement = await withAttendance(record.placement, who.school.id, ctx.stores.attendance);
      const where = body.container.type === 'message' ? String(body.container.message_ts) : String(body.container.view_id);
      const press: Press = { ctx, who, payload, placement, triggerId: body.trigger_id, userId, origin, where, tell, refresh };
      if (isViewVerb(verb)) await showCard(press, verb);
      else await recordPress(press, verb as DecisionName);
    } catch (error) {
      await tell(plainMessage(explain(ctx.log, error))).catch(() => undefined);
    }
  });
}

async function showCard(press: Press, verb: ViewVerb): Promise<void> {
  const { ctx, who, payload, placement } = press;
  const now = ctx.clock.now();
  const decision = FORM_DECISION[verb];
  if (decision) return openModal(ctx, who, press.triggerId, decision, () => placementFormModal(verb, placement, who.school, now, who.actor, press.origin)!);
  // What the forms do not cover shows a placement: only for those who may read placements.
  if (verb === 'showPlacement' || verb === 'showReminder') mayReadPlacements(who);
  if (verb === 'showPlacement') return press.tell(summaryMessage(placement, who.school, now, who.actor, payload.input['offset']));
  if (verb === 'showReminder') {
    const obligation = obligationOf(placement, who.school, now, String(payload.input['obligation']));
    return press.tell(obligation ? reminderMessage(placement, obligation, who.school, now, who.actor) : plainMessage('That reminder is no longer open.'));
  }
}

/** The next page of the list the button was on: the open placements, or what is due for this person. */
async function nextPage(ctx: SlackContext, who: Identified, payload: ActionPayload): Promise<SlackMessage> {
  const now = ctx.clock.now();
  if (payload.input['list'] === 'placements') {
    mayReadPlacements(who);
    return openPlacementsMessage(await openPlacements(ctx.stores, who.school, now), who.actor, payload.input['offset']);
  }
  const attendance = attendanceSessionOf(payload.input);
  return dueMessage(await dueListFor(ctx.stores, who.school, who.actor, now, attendance), who.school, now, who.actor, payload.input['offset'], attendance);
}

async function recordPress(press: Press, decision: DecisionName): Promise<void> {
  const { ctx, who, payload, placement, userId } = press;
  const now = ctx.clock.now();
  const onCard = actionOnCards(placement, who.school, now, who.actor, payload.actionId);
  if (onCard && onCard.fields.length > 0) return openModal(ctx, who, press.triggerId, decision, () => actionFormModal(onCard, placement, press.origin));
  try {
    const result = await decide(ctx.stores, {
      school: who.school,
      actor: who.actor,
      decision,
      placementId: placement.id,
      input: payload.input,
      idempotencyKey: `slack:${payload.actionId}:${press.where}:${userId}`,
      expectedVersion: payload.version ?? undefined,
      now,
    });
    const after = decision === 'tickChecklistItem' ? checklistMessage(result.record.placement) : doneMessage(decision, result.record.placement, who.staff.id, result.at, who.school, result.replayed);
    await press.refresh(after);
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCode.Conflict) throw error;
    const current = (await ctx.stores.placements.get(who.school.id, placement.id))?.placement;
    if (current) await press.refresh(cardNow(decision, current, who, now));
    await press.tell(plainMessage(error.message));
  }
}

/** A stale card, drawn again from the placement as it now stands. */
function cardNow(decision: DecisionName, placement: Placement, who: Identified, now: Date): SlackMessage {
  if (decision === 'tickChecklistItem') return checklistMessage(placement);
  if ((decision === 'approvePartTimeTimetable' || decision === 'declinePartTimeTimetable') && placement.status !== 'ended') {
    try {
      return approvalMessage(placement, who.school, now, who.actor);
    } catch {
      // Nothing is waiting for approval any more: the summary says how it ended up.
    }
  }
  return summaryMessage(placement, who.school, now, who.actor);
}

function parsePayload(raw: string | undefined): ActionPayload | undefined {
  try {
    const value = JSON.parse(raw ?? '') as Partial<ActionPayload> | null;
    // A list's "show more" is about no placement (null); every other button names one.
    if (!value || typeof value.actionId !== 'string' || (typeof value.placementId !== 'string' && value.placementId !== null)) return undefined;
    const input = typeof value.input === 'object' && value.input !== null && !Array.isArray(value.input) ? value.input : {};
    return { actionId: value.actionId, placementId: value.placementId, version: typeof value.version === 'number' ? value.version : null, input };
  } catch {
    return undefined;
  }
}
