import { randomUUID } from 'node:crypto';
import type { DecisionName } from '../core/decisions/index.ts';
import { AppError, ErrorCode, isAppError } from '../core/errors.ts';
import { deriveObligations } from '../core/obligations/deriveObligations.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import { requiredChecklist } from '../core/placement/checklist.ts';
import { pendingPttApproval } from '../core/placement/partTimeTimetable.ts';
import type { Placement } from '../core/placement/placement.ts';
import { actingRole } from '../core/permissions.ts';
import type { ROLES } from '../core/policy/roles.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { AuditLog } from '../ports/auditLog.ts';
import type { Log } from '../ports/chatAdapter.ts';
import { approvalRequest } from '../views/approvalRequest.ts';
import type { CardView } from '../views/card.ts';
import { checklist } from '../views/checklist.ts';
import { done } from '../views/done.ts';
import { errorView } from '../views/error.ts';
import { refilled, type FormCard, type FormView } from '../views/formView.ts';
import { pupilLabel, roleName } from '../views/names.ts';
import { placementSummary } from '../views/placementSummary.ts';
import { actionEntry, formOfDecision, FORMS, mayDo, type Verb } from '../views/registry.ts';
import type { FormField, ViewAction } from '../views/viewModel.ts';
import { reminder } from '../views/reminder.ts';
import { reminderActions } from '../views/reminderActions.ts';
import type { DecideResult } from './decide.ts';
import { auditIdOf, identify, type Identified, type PlatformIdentity } from './identity.ts';
import type { ReadStores } from './queries.ts';
import { asItStands } from './asItStands.ts';

// Everything both chats decide about a press the same way: who it is, whether they may, the key
// that makes a double click record once, and which card answers it.

const PLATFORM_NAMES = { teams: 'Teams', slack: 'Slack' } as const;

/** What a stranger is told on either chat. */
export function strangerReply(platform: PlatformIdentity['platform']): string {
  return `Sorry, I don't recognise you as a member of staff at a school I work for, so I can't show or record anything. If you should have access, ask your AP lead to add your ${PLATFORM_NAMES[platform]} account to the school's staff list.`;
}

/**
 * The member of staff behind a chat user; for anyone else, the refusal is audited (under an opaque
 * id, never a name) in each school they might have meant (the ones naming their tenant or
 * workspace, else the ones naming none, else all) and logged, and nothing is returned.
 */
export async function staffOrStranger(
  deps: { schools: readonly School[]; stores: { audit: AuditLog }; log: Log; now: Date },
  identity: PlatformIdentity,
  what: string,
): Promise<Identified | undefined> {
  const found = identify(deps.schools, identity)[0];
  if (found) return found;
  const named = (s: School) => (identity.platform === 'teams' ? s.config.school.teamsTenantId : s.config.school.slackTeamId);
  const theirs = identity.platform === 'teams' ? identity.tenantId : identity.teamId;
  const matching = deps.schools.filter((s) => theirs !== undefined && named(s) === theirs);
  const unnamed = deps.schools.filter((s) => named(s) === undefined);
  // Someone whose tenant or workspace no school names (or who brought none) is audited everywhere they could have meant.
  const candidates = matching.length > 0 ? matching : unnamed.length > 0 ? unnamed : deps.schools;
  for (const school of candidates)
    await deps.stores.audit.append({
      schoolId: school.id,
      at: deps.now,
      actor: auditIdOf(identity),
      role: null,
      action: 'refused:unknown_user',
      placementId: null,
      idempotencyKey: null,
      outcome: 'refused',
      summary: `Refused a ${PLATFORM_NAMES[identity.platform]} ${what} from someone who is not on the staff list`,
    });
  deps.log.warn({ component: identity.platform, actor: auditIdOf(identity) }, 'refused someone not on the staff list');
  return undefined;
}

const ROLE_ORDER = ['ap_lead', 'headteacher', 'dsl', 'deputy_dsl', 'attendance_officer', 'governor', 'staff'] as const satisfies readonly (typeof ROLES)[number][];

export const NOT_ALLOWED = 'You are not allowed to do that. Ask your AP lead or headteacher if you think you should be.';

/** Placements are shown to those the school lets read them (by default the AP lead, headteacher, DSL and attendance officer). */
export function mayReadPlacements(who: Identified): void {
  const { permissions } = who.school.config;
  if (actingRole(who.actor.roles, 'readPlacement', permissions) !== null) return;
  const readers = ROLE_ORDER.filter((r) => actingRole([r], 'readPlacement', permissions) !== null).map(roleName);
  const list = readers.length > 1 ? `${readers.slice(0, -1).join(', ')} and ${readers.at(-1)}` : (readers[0] ?? 'nobody');
  throw new AppError(ErrorCode.NotAllowed, `Placements are shown to the ${list}. Say "due" for what is yours to do, or "concern" and the pupil’s reference to log a concern.`);
}

/** A press is refused before anything is shown or a form filled in, in the registry's terms. */
export function mayPress(who: Identified, verb: Verb): void {
  if (actionEntry(verb).permission === 'readPlacement') return mayReadPlacements(who);
  if (!mayDo(who.actor, verb, who.school)) throw new AppError(ErrorCode.NotAllowed, NOT_ALLOWED);
}

/**
 * The card's action and the version it showed, plus the person: a double click, or the same card
 * pressed on two copies, records once; the same card pressed after the placement changed is new.
 */
export function pressKey(platform: PlatformIdentity['platform'], actionId: string, version: number | null | undefined, staffId: string): string {
  return `${platform}:${actionId}${version !== undefined && version !== null ? `@v${version}` : ''}:${staffId}`;
}

/** A placement a button names, as it stands (attendance, provider record), or a user error saying it is gone. */
export async function placementNamed(stores: ReadStores, school: School, placementId: string | null | undefined): Promise<Placement> {
  if (placementId === undefined || placementId === null) throw new AppError(ErrorCode.NotFound, 'Which placement? Say "status" to find it.');
  const record = await stores.placements.get(school.id, placementId);
  if (!record) throw new AppError(ErrorCode.NotFound, 'That placement is no longer here. Say "status" to see the open ones.');
  return asItStands(stores, school.id, record.placement);
}

/** A form to fill in, for someone allowed to send it; a fresh id per form drawn. */
export function formFor(who: Identified, form: FormCard, placement: Placement | null, now: Date): FormView {
  const { decision } = FORMS[form];
  mayPress(who, decision);
  return FORMS[form].build(placement, who.school, now, who.actor, randomUUID().slice(0, 8));
}

/** A card with a line or two on top saying why it is shown instead of what was asked for. */
export interface Answer {
  view: CardView;
  notice: string[];
  /** Shown beside the card pressed, which is left as it is (an out-of-date button on a list of many). */
  beside?: boolean;
}

/** The card after a decision: the checklist while a new placement still has checks to do, else what was done. */
export function cardAfter(result: DecideResult, who: Identified, now: Date): Answer {
  const placement = result.record.placement;
  if ((result.decision === 'commissionPlacement' || result.decision === 'tickChecklistItem') && placement.status === 'proposed' && requiredChecklist(placement).length > 0)
    return { view: checklist(placement, who.school, now, who.actor, result.replayed ? 'Already recorded. Nothing new was saved.' : doneLine(result, who)), notice: [] };
  return { view: done(result.decision, placement, who.staff.id, result.at, who.school, result.replayed, result.attendance), notice: [] };
}

const doneLine = (result: DecideResult, who: Identified) => done(result.decision, result.record.placement, who.staff.id, result.at, who.school).text;

/**
 * An out-of-date or refused card, drawn again from the placement as it now stands: the approval
 * while one is waiting, the checklist before the start, the reminder while it is open, else the
 * summary for those who may read placements. `notice` says why.
 */
export function cardNow(decision: Verb, input: Record<string, unknown>, placement: Placement, who: Identified, now: Date, notice: readonly string[]): Answer {
  const { school, actor } = who;
  const lines = [...notice];
  if ((decision === 'approvePartTimeTimetable' || decision === 'declinePartTimeTimetable') && pendingPttApproval(placement))
    return { view: approvalRequest(placement, school, now, actor), notice: lines };
  if (decision === 'tickChecklistItem' && placement.status === 'proposed') return { view: checklist(placement, school, now, actor), notice: lines };
  const key = input['obligation'];
  const obligation = key === undefined ? undefined : deriveObligations(placement, school, now).find((o) => obligationKey(o) === key);
  if (obligation) return { view: reminder(placement, obligation, school, now, actor), notice: lines };
  if (actingRole(actor.roles, 'readPlacement', school.config.permissions) === null)
    return { view: errorView(new AppError(ErrorCode.NotPossible, lines.join('\n') || 'That card is out of date.'), ''), notice: [] };
  return { view: placementSummary(placement, school, now, actor), notice: lines };
}

const FIELD_LINE = /^\s*([A-Za-z][\w.]*(?:\[\d+\][\w.]*)*): (.+)$/;

/** One line of a refusal: the form field it is about (by id, none for the whole), what to fix, and the line as a person reads it. */
export interface RefusalLine {
  field: string | null;
  problem: string;
  said: string;
}

/**
 * A refusal's lines, each field named as its form labels it ("Visited on: give the date of the
 * visit", never "on: …"): the message's first line, then each problem once. A problem about no
 * field on the form keeps its words without the input's path. Both chats say refusals through this.
 */
export function refusalLines(error: AppError, fields: readonly FormField[]): RefusalLine[] {
  if (error.problems.length === 0) return [{ field: null, problem: error.message, said: error.message }];
  const heading = error.message.split('\n')[0] ?? '';
  return [
    { field: null, problem: heading, said: heading },
    ...error.problems.map((line): RefusalLine => {
      const match = FIELD_LINE.exec(line);
      if (!match?.[1] || !match[2]) return { field: null, problem: line, said: line };
      const path = match[1];
      const problem = match[2];
      const field = fields
        .filter((f) => path === f.id || path.startsWith(`${f.id}.`) || path.startsWith(`${f.id}[`))
        .sort((a, b) => b.id.length - a.id.length)[0];
      return field ? { field: field.id, problem, said: `${field.label}: ${problem}` } : { field: null, problem, said: problem };
    }),
  ];
}

/**
 * What answers a refused decision: an out-of-date card redrawn as things stand; a form sent back
 * with what was typed and the problems; any other card redrawn with the problems on top. A
 * refusal about nothing on a card is rethrown for the error card.
 */
export function cardRefused(
  error: unknown,
  decision: DecisionName,
  press: { input: Record<string, unknown>; typed: Readonly<Record<string, string | readonly string[]>>; placement: Placement | undefined; item?: string | undefined },
  who: Identified,
  now: Date,
): Answer {
  // Someone not allowed is told, and the card stays as it is for everyone else.
  if (!isAppError(error) || !error.isUserError || error.code === ErrorCode.NotAllowed) throw error;
  const { placement } = press;
  // A list's button answers for its own item, naming the pupil, and the rest of the list stays.
  if (placement && press.item !== undefined && (error.code === ErrorCode.Conflict || error.code === ErrorCode.NotPossible)) {
    const item = cardNow(decision, { obligation: press.item }, placement, who, now, [`${pupilLabel(placement).label}: ${error.message}`]);
    return { ...item, beside: true };
  }
  if (error.code === ErrorCode.Conflict && placement) return cardNow(decision, press.input, placement, who, now, [error.message]);
  const form = actionEntry(decision).form;
  if (form && (placement || !FORMS[form].needsPlacement)) {
    const view = FORMS[form].build(placement ?? null, who.school, now, who.actor, randomUUID().slice(0, 8));
    return { view: refilled(view, press.typed, refusalLines(error, view.fields).map((l) => l.said)), notice: [] };
  }
  if (placement) return cardNow(decision, press.input, placement, who, now, refusalLines(error, fieldsFor(decision, placement, who, now)).map((l) => l.said));
  throw error;
}

/**
 * The buttons of the cards a placement would show this person now, any of which a press may have
 * come from, card by card: a reminder's buttons are worked out only when reached, without drawing
 * the rest of its card (a decision pressed in Teams looks them up before it is recorded). A press
 * whose input names an obligation (a snooze) came from that obligation's reminder: only its
 * buttons are worked out.
 */
function* actionsNow(placement: Placement, who: Identified, now: Date, input: Record<string, unknown> = {}): Generator<ViewAction> {
  const { school, actor } = who;
  if (pendingPttApproval(placement)) yield* approvalRequest(placement, school, now, actor).actions;
  if (placement.status === 'proposed') yield* checklist(placement, school, now, actor).actions;
  const named = input['obligation'];
  for (const o of deriveObligations(placement, school, now))
    if (typeof named !== 'string' || obligationKey(o) === named) yield* reminderActions(o, placement, school, actor, now);
}

/** The button a press came from, found again on the cards as they stand (by its id, or else by what it fixes): its fields say whether it needs a form first. */
export function actionOnCards(placement: Placement, who: Identified, now: Date, pressed: { verb: Verb; actionId: string; input: Record<string, unknown> }): ViewAction | undefined {
  const { verb, actionId, input } = pressed;
  const seen: ViewAction[] = [];
  for (const action of actionsNow(placement, who, now, input)) {
    if (action.payload.actionId === actionId) return action;
    seen.push(action);
  }
  return seen.find((a) => a.verb === verb && sameInput(a.payload.input, input));
}

// A card drawn before its buttons were named as they are now is still found by what it fixes.
const sameInput = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(a).length > 0 && Object.entries(a).every(([k, v]) => b[k] === v) && Object.keys(a).length === Object.keys(b).length;

/** The fields a decision is typed into (its form's, or a button's), so what comes back is read by their kinds. */
export function fieldsFor(
  decision: DecisionName,
  placement: Placement | undefined,
  who: Identified,
  now: Date,
  pressed?: { actionId?: string | null | undefined; input: Record<string, unknown> },
): FormField[] {
  const form = formOfDecision(decision);
  if (form) return FORMS[form].needsPlacement && !placement ? [] : FORMS[form].build(placement ?? null, who.school, now, who.actor, '').fields;
  if (!placement) return [];
  // The button pressed, as it stands, carries its own fields (one reminder's snooze asks for a date,
  // another's for a time); a press no card offers now is read by every button of its kind.
  const onCard = pressed && actionOnCards(placement, who, now, { verb: decision, actionId: pressed.actionId ?? '', input: pressed.input });
  if (onCard?.verb === decision) return onCard.fields;
  return [...actionsNow(placement, who, now)].filter((a) => a.verb === decision).flatMap((a) => a.fields);
}
