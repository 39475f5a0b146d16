import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerImportPress } from '../../../app/chatImport.ts';
import { decide } from '../../../app/decide.ts';
import { cardAfter, cardRefused, formFor, mayPress, mayReadPlacements, placementNamed, pressKey, actionOnCards, strangerReply } from '../../../app/guards.ts';
import type { Identified } from '../../../app/identity.ts';
import { attendanceSessionOf, dueListFor, openPlacements } from '../../../app/queries.ts';
import type { DecisionName } from '../../../core/decisions/index.ts';
import type { Placement } from '../../../core/placement/placement.ts';
import { isFormView } from '../../../views/formView.ts';
import { backToList } from '../../../views/placementSummary.ts';
import { actionEntry, isVerb, isViewVerb, type ViewVerb } from '../../../views/registry.ts';
import type { ActionPayload } from '../../../views/viewModel.ts';
import { verbOf } from '../blocks/parts.ts';
import { slackMessage } from '../blocks/slackMessage.ts';
import type { SlackContext } from '../context.ts';
import { dm } from '../dm.ts';
import { publishHome } from '../home.ts';
import { staffBehind } from '../people.ts';
import { explain } from '../problems.ts';
import { whenAcked } from '../../ackFirst.ts';
import { postToResponseUrl } from '../responseUrl.ts';
import {
  actionFormModal,
  answerMessage,
  dueMessage,
  formModalOf,
  obligationOf,
  openPlacementsMessage,
  plainMessage,
  reminderMessage,
  summaryMessage,
  type Origin,
  type SlackMessage,
} from '../render.ts';

interface Press {
  ctx: SlackContext;
  who: Identified;
  payload: ActionPayload;
  triggerId: string;
  origin: Origin | undefined;
  /** A new message for this person only: beside the card pressed, or a DM from App Home. */
  tell(message: SlackMessage): Promise<void>;
  /** The card pressed, replaced. */
  refresh(message: SlackMessage): Promise<void>;
}

/**
 * A button on a card: its `action_id` is the verb. A decision that needs more than the button
 * carries opens its modal; the rest are recorded at once and the card is replaced by what the app
 * answers (done, the checklist, or the card as it now stands). View verbs show another card in its
 * place. An ephemeral message (every `/ap` reply) is replaced through its `response_url`;
 * `chat.update` is for real messages only.
 */
export function registerActions(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    whenAcked(ctx, 'slack', () => answerPress(ctx, body));
  });
}

async function answerPress(ctx: SlackContext, body: BlockAction<ButtonAction>): Promise<void> {
  const action = body.actions[0];
  if (action?.type !== 'button') return;
  const verb = verbOf(action.action_id);
  if (!isVerb(verb)) return;
  const userId = body.user.id;
  const teamId = body.user.team_id ?? body.team?.id;
  const container = body.container as { type: string; message_ts?: string; is_ephemeral?: boolean };
  const ephemeral = container.type === 'message' && container.is_ephemeral === true;
  const origin: Origin | undefined =
    container.type !== 'message' ? undefined : ephemeral ? { responseUrl: body.response_url } : body.channel ? { channel: body.channel.id, ts: String(container.message_ts) } : undefined;
  const tell = (message: SlackMessage) =>
    origin ? postToResponseUrl(body.response_url, { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }) : dm(ctx, userId, message);
  const refresh = async (message: SlackMessage) => {
    if (ephemeral) await postToResponseUrl(body.response_url, { response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
    else if (origin && 'ts' in origin) await ctx.client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: message.blocks });
    else await publishHome(ctx, userId, teamId);
  };

  try {
    const who = await staffBehind(ctx, userId, teamId, 'button press', { conversationId: body.channel?.id });
    if (!who) return await tell(plainMessage(strangerReply('slack')));
    if ('answer' in who) return await tell(plainMessage(who.answer));
    const payload = parsePayload(action.value);
    if (!payload) return await tell(plainMessage('That button no longer works. Try `/ap due` or `/ap status`.'));
    const press: Press = { ctx, who, payload, triggerId: body.trigger_id, origin, tell, refresh };
    if (isViewVerb(verb)) await showCard(press, verb);
    else await recordPress(press, verb);
  } catch (error) {
    await tell(plainMessage(explain(ctx.log, error))).catch(() => undefined);
  }
}

const placementOf = (press: Press): Promise<Placement> => placementNamed(press.ctx.stores, press.who.school, press.payload.placementId);

/** A view verb: a form opens as a modal; anything else is shown in the pressed card's place. */
async function showCard(press: Press, verb: ViewVerb): Promise<void> {
  const { ctx, who, payload } = press;
  const now = ctx.clock.now();
  const { form } = actionEntry(verb);
  if (form) {
    const view = formFor(who, form, await placementOf(press), now);
    await ctx.client.views.open({ trigger_id: press.triggerId, view: formModalOf(view, press.origin) });
    return;
  }
  if (verb === 'showMore') return press.refresh(await nextPage(ctx, who, payload));
  // The app decides who may import (and audits a refusal), as it does over Teams.
  if (verb === 'importSpreadsheet' || verb === 'cancelImport') return press.refresh(slackMessage(await answerImportPress(ctx.stores, ctx.held, who, { verb, input: payload.input }, now)));
  mayPress(who, verb);
  const placement = await placementOf(press);
  if (verb === 'showPlacement') return press.refresh(summaryMessage(placement, who.school, now, who.actor, payload.input['offset'], [], backToList(payload.input)));
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
  const { ctx, who, payload } = press;
  const now = ctx.clock.now();
  const placement = payload.placementId ? await placementOf(press) : undefined;
  const onCard = placement && actionOnCards(placement, who, now, { verb: decision, actionId: payload.actionId, input: payload.input });
  if (placement && onCard && onCard.fields.length > 0) {
    mayPress(who, decision);
    await ctx.client.views.open({ trigger_id: press.triggerId, view: actionFormModal(onCard, placement, press.origin) });
    return;
  }
  try {
    const result = await decide(ctx.stores, {
      school: who.school,
      actor: who.actor,
      decision,
      placementId: placement?.id,
      input: payload.input,
      idempotencyKey: pressKey('slack', payload.actionId, payload.version, who.staff.id),
      expectedVersion: payload.version ?? undefined,
      now,
    });
    await press.refresh(answerMessage(cardAfter(result, who, now)));
  } catch (error) {
    const answer = cardRefused(error, decision, { input: payload.input, typed: {}, placement, item: payload.item }, who, now);
    // A form sent back (the button's input did not do) is a modal in Slack, not a message in place of the card: say what was wrong instead.
    if (isFormView(answer.view)) return press.tell(plainMessage(answer.view.problems.join('\n') || 'That button no longer works.'));
    // A list's out-of-date button is answered beside the list, which stays as it is.
    await (answer.beside ? press.tell(answerMessage(answer)) : press.refresh(answerMessage(answer)));
  }
}

function parsePayload(raw: string | undefined): ActionPayload | undefined {
  try {
    const value = JSON.parse(raw ?? '') as Partial<ActionPayload> | null;
    // A list's "show more" is about no placement (null); every other button names one.
    if (!value || typeof value.actionId !== 'string' || (typeof value.placementId !== 'string' && value.placementId !== null)) return undefined;
    const input = typeof value.input === 'object' && value.input !== null && !Array.isArray(value.input) ? value.input : {};
    const item = typeof value.item === 'string' ? { item: value.item } : {};
    return { actionId: value.actionId, placementId: value.placementId, version: typeof value.version === 'number' ? value.version : null, input, ...item };
  } catch {
    return undefined;
  }
}
