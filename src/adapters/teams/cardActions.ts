import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import { decide } from '../../app/decide.ts';
import { attendanceSessionOf, dueListFor, openPlacements } from '../../app/queries.ts';
import { withAttendance } from '../../app/withAttendance.ts';
import { DECISIONS, type DecisionName } from '../../core/decisions/index.ts';
import { AppError, ErrorCode, isAppError } from '../../core/errors.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import { pendingPttApproval } from '../../core/placement/partTimeTimetable.ts';
import { requiredChecklist } from '../../core/placement/checklist.ts';
import type { EventOf } from '../../core/placement/events.ts';
import type { Placement } from '../../core/placement/placement.ts';
import { actingRole } from '../../core/permissions.ts';
import type { CardName } from '../../views/card.ts';
import { concernForm } from '../../views/concernForm.ts';
import { endPlacementForm } from '../../views/endPlacementForm.ts';
import { mayDo } from '../../views/reminderActions.ts';
import { reviewForm } from '../../views/reviewForm.ts';
import { isViewVerb, type ViewVerb } from '../../views/verbs.ts';
import { approvalCard, concernCard, doneCard, dueCard, errorCard, FORM_OF, formCard, placementListCard, reminderCard, summaryCard } from './attachments.ts';
import { inputFromCard, typedValues } from './cardInput.ts';
import { fieldsOnCards } from './fieldsOnCards.ts';
import { checklistCard, newPlacementFormCard } from './standInCards.ts';
import { auditStranger, STRANGER_REPLY, whoIs, type TeamsDeps, type Turn } from './turn.ts';

const invokeValue = z.object({
  action: z.object({
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  trigger: z.string().optional(),
});

/** The views' payload ({actionId, placementId, version, input}) plus whatever was typed (`<verb>.<field>`). */
const actionData = z.looseObject({
  actionId: z.string().min(1).max(200).optional(),
  placementId: z.string().min(1).max(64).nullable().optional(),
  version: z.number().int().min(0).nullable().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});
type ActionData = z.output<typeof actionData>;

/** A button press from a known member of staff. */
interface Press {
  turn: Turn;
  data: ActionData;
  input: Record<string, unknown>;
}

const cardResponse = (attachment: Attachment): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: attachment.content },
});

const badRequest = (message: string): InvokeResponse => ({
  status: 200,
  body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } },
});

async function currentPlacement(turn: Turn, placementId: string | null | undefined): Promise<Placement | undefined> {
  if (placementId === undefined || placementId === null) return undefined;
  const record = await turn.deps.stores.placements.get(turn.who.school.id, placementId);
  return record && withAttendance(record.placement, turn.who.school.id, turn.deps.stores.attendance);
}

async function placementOf(press: Press): Promise<Placement> {
  const placement = await currentPlacement(press.turn, press.data.placementId);
  if (!placement) throw new AppError(ErrorCode.NotFound, press.data.placementId ? `There is no placement ${press.data.placementId}.` : 'Which placement? Say "status" to find it.');
  return placement;
}

/** How a placement stands now: the summary, for those who may read placements. */
function stateCard(turn: Turn, placement: Placement, notice: readonly string[] = []): Attachment {
  const { school, actor } = turn.who;
  if (!actingRole(actor.roles, 'readPlacement', school.config.permissions)) return errorCard(new AppError(ErrorCode.NotPossible, notice.join('\n') || 'That card is out of date.'));
  return summaryCard(placement, school, turn.now, actor, { notice });
}

/** A stale or refused card, drawn again from the placement as it now stands. */
function cardNow(turn: Turn, decision: DecisionName, data: ActionData, placement: Placement, notice: readonly string[]): Attachment {
  const { school, actor } = turn.who;
  if ((decision === 'approvePartTimeTimetable' || decision === 'declinePartTimeTimetable') && pendingPttApproval(placement)) return approvalCard(placement, school, turn.now, actor, notice);
  if (decision === 'tickChecklistItem' && placement.status === 'proposed') return checklistCard(placement, `⚠️ ${notice.join(' ')}`);
  const key = data.input?.['obligation'];
  const obligation = deriveObligations(placement, school, turn.now).find((o) => obligationKey(o) === key);
  if (obligation) return reminderCard(placement, obligation, school, turn.now, actor, notice);
  return stateCard(turn, placement, notice);
}

const FORM_VERBS = { openReviewForm: reviewForm, openConcernForm: concernForm, openEndPlacementForm: endPlacementForm } as const;

function openForm(verb: keyof typeof FORM_VERBS) {
  return async (press: Press): Promise<Attachment> => {
    const { school, actor } = press.turn.who;
    // Told now, not after filling it in.
    if (!mayDo(actor, verb, school)) throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to do that. Ask your AP lead or headteacher if you think you should be.');
    return formCard(FORM_VERBS[verb], await placementOf(press), school, press.turn.now, actor);
  };
}

/** Cards about a placement are for those who may read placements (a button can be pressed by anyone it reaches). */
function mayRead(press: Press): void {
  const { school, actor } = press.turn.who;
  if (!actingRole(actor.roles, 'readPlacement', school.config.permissions))
    throw new AppError(ErrorCode.NotAllowed, 'Placements are shown to the AP lead, headteacher, DSL and attendance officer.');
}

async function showPlacement(press: Press): Promise<Attachment> {
  mayRead(press);
  const { school, actor } = press.turn.who;
  return summaryCard(await placementOf(press), school, press.turn.now, actor, { offset: press.input['offset'] });
}

async function showReminder(press: Press): Promise<Attachment> {
  mayRead(press);
  const { school, actor } = press.turn.who;
  const placement = await placementOf(press);
  const obligation = deriveObligations(placement, school, press.turn.now).find((o) => obligationKey(o) === press.input['obligation']);
  if (!obligation) throw new AppError(ErrorCode.NotPossible, 'That reminder is no longer open.');
  return reminderCard(placement, obligation, school, press.turn.now, actor);
}

/** The next page of the list the button was on: the open placements, one session's attendance, or what is due for this person. */
async function showMore(press: Press): Promise<Attachment> {
  const { school, actor } = press.turn.who;
  const { stores } = press.turn.deps;
  if (press.input['list'] === 'placements') {
    mayRead(press);
    return placementListCard(await openPlacements(stores, school, press.turn.now), school, actor, press.input['offset']);
  }
  const attendance = attendanceSessionOf(press.input);
  return dueCard(await dueListFor(stores, school, actor, press.turn.now, attendance), school, press.turn.now, actor, press.input['offset'], attendance);
}

async function showApproval(press: Press): Promise<Attachment> {
  mayRead(press);
  const placement = await placementOf(press);
  const { school, actor } = press.turn.who;
  return pendingPttApproval(placement) ? approvalCard(placement, school, press.turn.now, actor) : stateCard(press.turn, placement);
}

async function showConcern(press: Press): Promise<Attachment> {
  const placement = await placementOf(press);
  const concern = placement.history.findLast((e): e is EventOf<'concern'> => e.type === 'concern' && e.key === press.input['concernKey']);
  if (!concern) return stateCard(press.turn, placement);
  return concernCard(placement, concern, press.turn.who.school, press.turn.now, press.turn.who.actor);
}

async function showState(press: Press): Promise<Attachment> {
  return stateCard(press.turn, await placementOf(press));
}

/**
 * Teams asking for a card as it stands now, for one of the people it refreshes for: the card's kind
 * rides in `input.card`. The team channel's overview and the list of placements never refresh.
 */
const REFRESH: Record<Exclude<CardName, 'teamOverview' | 'placementList'>, (press: Press) => Promise<Attachment>> = {
  reminder: showReminder,
  digest: showMore,
  approvalRequest: showApproval,
  concernAlert: showConcern,
  placementSummary: showPlacement,
  reviewForm: openForm('openReviewForm'),
  concernForm: openForm('openConcernForm'),
  endPlacementForm: openForm('openEndPlacementForm'),
  done: showState,
  error: showState,
};

const VIEW_ROUTES: Record<ViewVerb, (press: Press) => Promise<Attachment>> = {
  openReviewForm: openForm('openReviewForm'),
  openConcernForm: openForm('openConcernForm'),
  openEndPlacementForm: openForm('openEndPlacementForm'),
  showPlacement,
  showReminder,
  showMore,
  refreshCard: (press) => {
    const card = press.input['card'];
    return (typeof card === 'string' && Object.hasOwn(REFRESH, card) ? REFRESH[card as keyof typeof REFRESH] : showState)(press);
  },
};

async function runDecision(press: Press, decision: DecisionName): Promise<Attachment> {
  const { turn, data } = press;
  const { school, actor, staff } = turn.who;
  const placement = await currentPlacement(turn, data.placementId);
  if (data.placementId && !placement) throw new AppError(ErrorCode.NotFound, `There is no placement ${data.placementId}.`);
  const input = inputFromCard(decision, data, placement ? fieldsOnCards(decision, placement, school, turn.now, actor) : []);
  // The card's action and the version it showed, plus the person: a double click records once,
  // while the same form sent again after the placement changed is a new decision.
  const actionId = `${data.actionId ?? turn.context.activity.id ?? randomUUID()}${data.version !== undefined && data.version !== null ? `@v${data.version}` : ''}`;
  try {
    const result = await decide(turn.deps.stores, {
      school,
      actor,
      decision,
      placementId: data.placementId ?? undefined,
      input,
      idempotencyKey: `teams:${actionId}:${staff.id}`,
      expectedVersion: data.version ?? undefined,
      now: turn.now,
    });
    const after = result.record.placement;
    if ((decision === 'commissionPlacement' || decision === 'tickChecklistItem') && after.status === 'proposed' && requiredChecklist(after).length > 0)
      return checklistCard(after, `✅ ${result.summary}`);
    return doneCard(decision, after, staff.id, result.at, school, result.replayed);
  } catch (error) {
    if (!isAppError(error) || !error.isUserError) throw error;
    // The message lists the problems itself when there are any: show its first line and the problems once each.
    const problems = error.problems.length > 0 ? [error.message.split('\n')[0] ?? '', ...error.problems] : [error.message];
    if (error.code === ErrorCode.Conflict && placement) return cardNow(turn, decision, data, placement, [error.message]);
    const form = FORM_OF[decision];
    if (form && placement) return formCard(form, placement, school, turn.now, actor, { typed: typedValues(decision, data), problems });
    if (decision === 'commissionPlacement' || decision === 'proposePartTimeTimetable') return newPlacementFormCard(decision, problems);
    if (placement) return cardNow(turn, decision, data, placement, problems);
    throw error;
  }
}

/**
 * An `Action.Execute` press (`adaptiveCard/action`): a decision's name goes to `decide`, a view
 * verb asks for another card, and the answer is the card that replaces the pressed one. Refusals
 * and bad input come back on the card; nothing a person does turns into a 500.
 */
export async function onCardAction(deps: TeamsDeps, context: TurnContext): Promise<InvokeResponse> {
  const parsed = invokeValue.safeParse(context.activity.value);
  if (!parsed.success) return badRequest('This is not a card action I understand.');
  const data = actionData.safeParse(parsed.data.action.data);
  if (!data.success) return badRequest('The card sent something I cannot read.');

  const found = await whoIs(deps, context);
  if (!found) {
    await auditStranger(deps, context, 'card action');
    return cardResponse(errorCard(new AppError(ErrorCode.NotAllowed, STRANGER_REPLY)));
  }
  if ('answer' in found) return cardResponse(errorCard(new AppError(ErrorCode.NotPossible, found.answer)));
  const press: Press = { turn: { deps, context, ...found, now: deps.clock.now() }, data: data.data, input: data.data.input ?? {} };
  const verb = parsed.data.action.verb;
  try {
    if (isViewVerb(verb)) return cardResponse(await VIEW_ROUTES[verb](press));
    if (DECISIONS.has(verb)) return cardResponse(await runDecision(press, verb as DecisionName));
    return cardResponse(errorCard(new AppError(ErrorCode.NotPossible, 'This button no longer does anything. Say "help" to see what I can do.')));
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    // The error's name and where it was thrown, not its message: messages from deep down may quote pupil data.
    if (!isAppError(error) || !error.isUserError)
      deps.log.error({ incident, verb, error: error instanceof Error ? error.name : 'unknown', stack: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined }, 'Teams card action failed');
    return cardResponse(errorCard(error, incident));
  }
}
