import type { types } from '@slack/bolt';
import { COMMAND_HELP } from '../../app/commands.ts';
import type { PlacementWithObligations } from '../../app/queries.ts';
import type { Actor } from '../../core/decisions/decision.ts';
import type { DecisionName } from '../../core/decisions/index.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import type { Obligation } from '../../core/obligations/obligation.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import { pendingPttApproval } from '../../core/placement/partTimeTimetable.ts';
import { requiredChecklist, tickedItems } from '../../core/placement/checklist.ts';
import type { EventOf } from '../../core/placement/events.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import type { AuditEntry } from '../../ports/auditLog.ts';
import { approvalRequest } from '../../views/approvalRequest.ts';
import { concernAlert } from '../../views/concernAlert.ts';
import { concernForm } from '../../views/concernForm.ts';
import { digest, type AttendanceSession, type DueItem } from '../../views/digest.ts';
import { done } from '../../views/done.ts';
import { endPlacementForm } from '../../views/endPlacementForm.ts';
import { placementList } from '../../views/placementList.ts';
import { placementSummary } from '../../views/placementSummary.ts';
import { reminder } from '../../views/reminder.ts';
import { reviewForm } from '../../views/reviewForm.ts';
import type { ViewVerb } from '../../views/verbs.ts';
import type { ActionPayload, ViewAction } from '../../views/viewModel.ts';
import { moment } from '../../views/when.ts';
import { actionModal } from './blocks/actionModal.ts';
import { formModal } from './blocks/formModal.ts';
import { buttonValue, context, escape, header, message, section, type KnownBlock, type SlackMessage } from './blocks/parts.ts';
import { slackMessage } from './blocks/slackMessage.ts';

// The one place the handlers reach Block Kit: the shared card views (src/views) rendered by
// ./blocks, plus the few messages no card covers (help, the open-placements list, the checklist).

export type { SlackMessage };
/** Where a modal opened from a card came from, so the card can be replaced once it is submitted. */
export type Origin = { channel: string; ts: string };
export type ModalMeta = Partial<ActionPayload> & { origin?: Origin };

const plain = (text: string): SlackMessage => message(text, [section(escape(text))]);

export function plainMessage(text: string): SlackMessage {
  return plain(text);
}

export function helpMessage(intro?: string): SlackMessage {
  const lines = COMMAND_HELP.map((c) => `\`/ap ${c.usage}\`: ${c.says}`).join('\n');
  return message(`${intro ? `${intro} ` : ''}Here is what works.`, [section(`${intro ? `${escape(intro)}\n` : ''}Here is what works:\n${escape(lines)}`)]);
}

export function dueMessage(due: readonly DueItem[], school: School, now: Date, viewer: Actor, offset: unknown = 0, attendance?: AttendanceSession): SlackMessage {
  return slackMessage(digest(due, school, now, viewer, offset, attendance));
}

export function summaryMessage(placement: Placement, school: School, now: Date, viewer: Actor, offset: unknown = 0): SlackMessage {
  return slackMessage(placementSummary(placement, school, now, viewer, offset));
}

/** `/ap status` and its "show more": every open placement, twenty a page. */
export function openPlacementsMessage(open: readonly PlacementWithObligations[], viewer: Actor, offset: unknown = 0): SlackMessage {
  return slackMessage(placementList(open, viewer, offset));
}

export function doneMessage(decision: DecisionName, placement: Placement, by: string, at: Date, school: School, alreadyRecorded = false): SlackMessage {
  return slackMessage(done(decision, placement, by, at, school, alreadyRecorded));
}

/** The pre-placement checklist sent after `/ap new`: a button per check still to do. */
export function checklistMessage(placement: Placement): SlackMessage {
  const ticked = tickedItems(placement);
  const label = `${placement.pupil.initials} · ${placement.pupil.ref}`;
  return message(`Checklist before ${label} starts`, [
    context(`*${escape(label)}* · ${placement.id}`),
    section(`*Before the placement starts on ${placement.start}*`),
    ...requiredChecklist(placement).map((item): KnownBlock => {
      const words = item.replaceAll('_', ' ');
      if (ticked.has(item)) return section(`:white_check_mark: ${words}`);
      const tick: ViewAction = {
        verb: 'tickChecklistItem',
        title: 'Done',
        style: 'default',
        payload: { actionId: `tickChecklistItem:${placement.id}:${item}`, placementId: placement.id, version: placement.version, input: { item } },
        fields: [],
        submitTitle: 'Done',
      };
      return {
        type: 'section',
        block_id: `tick:${item}`,
        text: { type: 'mrkdwn', text: `:white_large_square: ${words}` },
        accessory: { type: 'button', text: { type: 'plain_text', text: 'Done' }, action_id: 'tickChecklistItem', value: buttonValue(tick) },
      };
    }),
  ]);
}

export function reminderMessage(placement: Placement, obligation: Obligation, school: School, now: Date, viewer: Actor): SlackMessage {
  return slackMessage(reminder(placement, obligation, school, now, viewer));
}

export function approvalMessage(placement: Placement, school: School, now: Date, viewer: Actor): SlackMessage {
  return slackMessage(approvalRequest(placement, school, now, viewer));
}

/** A concern in full; the view refuses anyone who is not a DSL. */
export function concernMessage(placement: Placement, concern: EventOf<'concern'>, school: School, now: Date, viewer: Actor): SlackMessage {
  return slackMessage(concernAlert(placement, concern, school, now, viewer));
}

const FORM_OF: Partial<Record<ViewVerb, typeof reviewForm>> = {
  openReviewForm: reviewForm,
  openConcernForm: concernForm,
  openEndPlacementForm: endPlacementForm,
};

/** The review, concern or end-placement modal for a placement; `origin` rides in its metadata. */
export function placementFormModal(verb: ViewVerb, placement: Placement, school: School, now: Date, viewer: Actor, origin?: Origin): types.ModalView | undefined {
  const form = FORM_OF[verb];
  return form && withOrigin(formModal(form(placement, school, now, viewer)), origin);
}

/** The modal for a button that asks for a little more (snooze, decline, reassign, …). */
export function actionFormModal(action: ViewAction, placement: Placement, origin?: Origin): types.ModalView {
  return withOrigin(actionModal(action, { initials: placement.pupil.initials, ref: placement.pupil.ref, label: `${placement.pupil.initials} · ${placement.pupil.ref}` }, action.title), origin);
}

function withOrigin(view: types.ModalView, origin: Origin | undefined): types.ModalView {
  if (!origin) return view;
  return { ...view, private_metadata: JSON.stringify({ ...(JSON.parse(view.private_metadata ?? '{}') as object), origin }) };
}

/** The reminder for one obligation of a placement (a digest's "More options"). */
export function obligationOf(placement: Placement, school: School, now: Date, key: string): Obligation | undefined {
  return deriveObligations(placement, school, now).find((o) => obligationKey(o) === key);
}

/**
 * The action a card's button stands for, found again on the cards the placement would show this
 * person now: its fields say whether it needs a modal.
 */
export function actionOnCards(placement: Placement, school: School, now: Date, viewer: Actor, actionId: string): ViewAction | undefined {
  const cards = [
    ...(pendingPttApproval(placement) ? [approvalRequest(placement, school, now, viewer)] : []),
    ...deriveObligations(placement, school, now).map((o) => reminder(placement, o, school, now, viewer)),
  ];
  return cards.flatMap((c) => c.actions).find((a) => a.payload.actionId === actionId);
}

export function homeView(due: readonly DueItem[], approvals: readonly Placement[], recent: readonly AuditEntry[], school: School, now: Date, viewer: Actor): types.HomeView {
  const dueBlocks = dueMessage(due, school, now, viewer).blocks;
  const approvalBlocks = approvals.slice(0, 3).flatMap((p) => approvalMessage(p, school, now, viewer).blocks);
  return {
    type: 'home',
    blocks: [
      ...dueBlocks,
      { type: 'divider' },
      header('Waiting for your approval'),
      ...(approvalBlocks.length ? approvalBlocks : [context('Nothing is waiting for you.')]),
      { type: 'divider' },
      header('Your recent decisions'),
      ...(recent.length ? recent.map((e) => context(`${escape(moment(e.at, school))} · ${escape(e.summary)}`)) : [context('None yet.')]),
    ].slice(0, 100),
  };
}

export function strangerHomeView(text: string): types.HomeView {
  return { type: 'home', blocks: [section(escape(text))] };
}
