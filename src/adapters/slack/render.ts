import type { types } from '@slack/bolt';
import { COMMAND_HELP } from '../../app/commands.ts';
import type { PlacementWithObligations } from '../../app/queries.ts';
import type { Actor } from '../../core/decisions/decision.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import type { Obligation } from '../../core/obligations/obligation.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import type { EventOf } from '../../core/placement/events.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import type { AuditEntry } from '../../ports/auditLog.ts';
import { approvalRequest } from '../../views/approvalRequest.ts';
import { concernAlert } from '../../views/concernAlert.ts';
import { digest, type AttendanceSession, type DueItem } from '../../views/digest.ts';
import { placementList } from '../../views/placementList.ts';
import { placementSummary } from '../../views/placementSummary.ts';
import { reminder } from '../../views/reminder.ts';
import type { ActionPayload, ViewAction } from '../../views/viewModel.ts';
import { isFormView, type FormView } from '../../views/formView.ts';
import { pupilLabel } from '../../views/names.ts';
import type { Answer } from '../../app/guards.ts';
import { moment } from '../../views/when.ts';
import { decisionWords } from '../../views/done.ts';
import { actionModal } from './blocks/actionModal.ts';
import { formModal } from './blocks/formModal.ts';
import { context, escape, header, message, section, type SlackMessage } from './blocks/parts.ts';
import { slackMessage } from './blocks/slackMessage.ts';

// The one place the handlers reach Block Kit: the shared card views (src/views) rendered by
// ./blocks, plus plain text and help.

export type { SlackMessage };
/** Where a modal opened from a card came from, so the card can be replaced once it is submitted: a real message, or an ephemeral one by its response URL. */
export type Origin = { channel: string; ts: string } | { responseUrl: string };
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

export function summaryMessage(placement: Placement, school: School, now: Date, viewer: Actor, offset: unknown = 0, all: readonly Placement[] = [], back?: number): SlackMessage {
  return slackMessage(placementSummary(placement, school, now, viewer, offset, all, back));
}

/** `/ap status` and its "show more": every open placement, twenty a page. */
export function openPlacementsMessage(open: readonly PlacementWithObligations[], viewer: Actor, offset: unknown = 0): SlackMessage {
  return slackMessage(placementList(open, viewer, offset));
}

/** Any card the app chose to answer with (the checklist, done, a card redrawn), with why on top. */
export function answerMessage(answer: Answer): SlackMessage {
  const { view, notice } = answer;
  if (isFormView(view)) throw new Error('A form is a modal, not a message.');
  const shown = slackMessage(view);
  if (notice.length === 0) return shown;
  return { text: `${notice.join(' ')} ${shown.text}`.slice(0, 3000), blocks: [section(notice.map((line) => `:warning: ${escape(line)}`).join('\n')), ...shown.blocks].slice(0, 50) };
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

/** A form as a modal; `origin` rides in its metadata, so the card it came from can be replaced once it is sent. */
export function formModalOf(view: FormView, origin?: Origin): types.ModalView {
  return withOrigin(formModal(view), origin);
}

/** The modal for a button that asks for a little more (snooze, decline, reassign, …). */
export function actionFormModal(action: ViewAction, placement: Placement, origin?: Origin): types.ModalView {
  return withOrigin(actionModal(action, pupilLabel(placement), action.title), origin);
}

function withOrigin(view: types.ModalView, origin: Origin | undefined): types.ModalView {
  if (!origin) return view;
  return { ...view, private_metadata: JSON.stringify({ ...(JSON.parse(view.private_metadata ?? '{}') as object), origin }) };
}

/** The reminder for one obligation of a placement (a digest's "More options"). */
export function obligationOf(placement: Placement, school: School, now: Date, key: string): Obligation | undefined {
  return deriveObligations(placement, school, now).find((o) => obligationKey(o) === key);
}

export function homeView(due: readonly DueItem[], approvals: readonly Placement[], recent: readonly AuditEntry[], school: School, now: Date, viewer: Actor, unreachable: readonly string[] = []): types.HomeView {
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
      ...(recent.length ? recent.map((e) => context(`${escape(moment(e.at, school))} · You ${escape(decisionWords(e.action) ?? e.summary)}`)) : [context('None yet.')]),
      ...(unreachable.length
        ? [{ type: 'divider' } as const, context(`Not reachable by the bot yet: ${escape(unreachable.join(', '))}. \`ap staff check\` says why, and what to do.`)]
        : []),
    ].slice(0, 100),
  };
}

export function strangerHomeView(text: string): types.HomeView {
  return { type: 'home', blocks: [section(escape(text))] };
}
