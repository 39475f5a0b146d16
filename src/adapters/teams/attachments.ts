import { CardFactory, type Attachment } from 'botbuilder';
import type { Answer } from '../../app/guards.ts';
import type { PlacementWithObligations } from '../../app/queries.ts';
import type { LocalDate } from '../../core/calendar/localDate.ts';
import type { Actor } from '../../core/decisions/decision.ts';
import type { Obligation } from '../../core/obligations/obligation.ts';
import type { EventOf } from '../../core/placement/events.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import { approvalRequest } from '../../views/approvalRequest.ts';
import type { CardView } from '../../views/card.ts';
import { concernAlert } from '../../views/concernAlert.ts';
import { digest, type AttendanceSession, type DueItem } from '../../views/digest.ts';
import { errorView } from '../../views/error.ts';
import { placementList } from '../../views/placementList.ts';
import { placementSummary } from '../../views/placementSummary.ts';
import { reminder } from '../../views/reminder.ts';
import { staffUnreachableView } from '../../views/staffUnreachable.ts';
import type { InputValue } from '../../views/viewModel.ts';
import { teamOverview } from '../../views/teamOverview.ts';
import { refreshUserIds } from './cards/refreshUserIds.ts';
import { renderAdaptiveCard } from './cards/renderAdaptiveCard.ts';

// The one place the handlers reach Adaptive Cards: each view model rendered from its template
// (cards/*.json).

type Json = Record<string, unknown>;

interface Extras {
  /** What tells this card apart from others of its kind when Teams asks to refresh it (an obligation, a concern). */
  identity?: Record<string, InputValue>;
  /** Shown at the top in red: why the card came back instead of going through. */
  notice?: readonly string[];
}

/** A paged card refreshes on the page it shows, not back on the first. */
const pageIdentity = (offset: unknown): Record<string, InputValue> => (typeof offset === 'number' ? { offset } : {});

/** A view as the Adaptive Card Teams shows, refreshing itself for the staff it concerns. */
export function cardAttachment(view: CardView, school: School, extras: Extras = {}): Attachment {
  const { card } = renderAdaptiveCard(view, { refreshUserIds: refreshUserIds(school, view.participants) });
  const refresh = card['refresh'] as { action?: { data?: { input?: Json } } } | undefined;
  if (refresh?.action?.data && extras.identity) refresh.action.data.input = { ...refresh.action.data.input, ...extras.identity };
  const notice = (extras.notice ?? []).filter(Boolean);
  if (notice.length > 0 && Array.isArray(card['body']))
    card['body'] = [{ type: 'TextBlock', text: notice.map((line) => `⚠️ ${line}`).join('\n\n'), wrap: true, color: 'Attention' }, ...(card['body'] as unknown[])];
  return CardFactory.adaptiveCard(card);
}

/** `status` with no pupil, and its "show more": every open placement, a page at a time. */
export function placementListCard(open: readonly PlacementWithObligations[], school: School, viewer: Actor, offset: unknown = 0): Attachment {
  return cardAttachment(placementList(open, viewer, offset), school);
}

/** The morning overview in the AP team channel: no buttons, so nothing to refresh. */
export function teamOverviewCard(due: readonly DueItem[], school: School, now: Date, date: LocalDate): Attachment {
  return cardAttachment(teamOverview(due, school, now, date), school);
}

/** `due`, a digest nudge, an attendance session's list, and their "show more": ten at a time. */
export function dueCard(due: readonly DueItem[], school: School, now: Date, viewer: Actor, offset: unknown = 0, attendance?: AttendanceSession): Attachment {
  return cardAttachment(digest(due, school, now, viewer, offset, attendance), school, { identity: { ...pageIdentity(offset), ...(attendance ? { list: 'attendance', ...attendance } : {}) } });
}

export function reminderCard(placement: Placement, obligation: Obligation, school: School, now: Date, viewer: Actor, notice?: readonly string[]): Attachment {
  const view = reminder(placement, obligation, school, now, viewer);
  return cardAttachment(view, school, { identity: { obligation: view.obligation }, ...(notice ? { notice } : {}) });
}

/** `status <ref>`: where a placement stands now, with a note on why it is shown instead. */
export function summaryCard(placement: Placement, school: School, now: Date, viewer: Actor, options: { notice?: readonly string[]; offset?: unknown; all?: readonly Placement[]; back?: number } = {}): Attachment {
  return cardAttachment(placementSummary(placement, school, now, viewer, options.offset, options.all, options.back), school, { identity: pageIdentity(options.offset), ...(options.notice ? { notice: options.notice } : {}) });
}

/** The views refuse it to anyone who may not approve; use it only while an approval is pending. */
export function approvalCard(placement: Placement, school: School, now: Date, viewer: Actor, notice?: readonly string[]): Attachment {
  return cardAttachment(approvalRequest(placement, school, now, viewer), school, notice ? { notice } : {});
}

/** A concern in full, for a DSL: the view refuses anyone else. */
export function concernCard(placement: Placement, concern: EventOf<'concern'>, school: School, now: Date, viewer: Actor): Attachment {
  return cardAttachment(concernAlert(placement, concern, school, now, viewer), school, concern.key ? { identity: { concernKey: concern.key } } : {});
}

/** Any card the app chose to answer with (a form, the checklist, done, a card redrawn), with why on top. */
export function answerCard(answer: Answer, school: School): Attachment {
  const { view, notice } = answer;
  return cardAttachment(view, school, { notice, ...(view.card === 'reminder' ? { identity: { obligation: view.obligation } } : {}) });
}

/** To the AP lead: someone the bot has not reached for a school day, and what to do. */
export function staffUnreachableCard(school: School, staffId: string, since: string): Attachment {
  return CardFactory.adaptiveCard(renderAdaptiveCard(staffUnreachableView(school, staffId, since)).card);
}

/** A user error in plain words, or anything else as an incident id to quote (logged by the caller). */
export function errorCard(error: unknown, incidentId = ''): Attachment {
  // An error card concerns nobody else, so it never refreshes and needs no school's staff list.
  return CardFactory.adaptiveCard(renderAdaptiveCard(errorView(error, incidentId)).card);
}
