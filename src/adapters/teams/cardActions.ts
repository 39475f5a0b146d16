import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import { answerImportPress } from '../../app/chatImport.ts';
import { decide } from '../../app/decide.ts';
import { decisionInput } from '../../app/formInput.ts';
import { cardAfter, cardNow, cardRefused, fieldsFor, formFor, mayReadPlacements, placementNamed, pressKey, strangerReply } from '../../app/guards.ts';
import { attendanceSessionOf, dueListFor, openPlacements } from '../../app/queries.ts';
import { DECISIONS, type DecisionName } from '../../core/decisions/index.ts';
import { AppError, ErrorCode, isAppError } from '../../core/errors.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { obligationKey } from '../../core/obligations/obligationKey.ts';
import { pendingPttApproval } from '../../core/placement/partTimeTimetable.ts';
import type { EventOf } from '../../core/placement/events.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { CardName } from '../../views/card.ts';
import { checklist } from '../../views/checklist.ts';
import { backToList } from '../../views/placementSummary.ts';
import type { FormCard } from '../../views/formView.ts';
import { isViewVerb, type ViewVerb } from '../../views/registry.ts';
import { answerCard, approvalCard, cardAttachment, concernCard, dueCard, errorCard, placementListCard, reminderCard, summaryCard } from './attachments.ts';
import { typedOnCard } from './cardInput.ts';
import { whoIs, type TeamsDeps, type Turn } from './turn.ts';

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
  item: z.string().min(1).max(300).optional(),
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

const placementOf = (press: Press): Promise<Placement> => placementNamed(press.turn.deps.stores, press.turn.who.school, press.data.placementId);

/** How a placement stands now, drawn as the app decides. */
function stateCard(turn: Turn, placement: Placement, notice: readonly string[] = []): Attachment {
  return answerCard(cardNow('refreshCard', {}, placement, turn.who, turn.now, notice), turn.who.school);
}

function openForm(form: FormCard) {
  return async (press: Press): Promise<Attachment> => {
    const { turn } = press;
    const placement = await placementOf(press);
    return answerCard({ view: formFor(turn.who, form, placement, turn.now), notice: [] }, turn.who.school);
  };
}

async function showPlacement(press: Press): Promise<Attachment> {
  mayReadPlacements(press.turn.who);
  const { school, actor } = press.turn.who;
  const back = backToList(press.input);
  return summaryCard(await placementOf(press), school, press.turn.now, actor, { offset: press.input['offset'], ...(back !== undefined ? { back } : {}) });
}

async function showReminder(press: Press): Promise<Attachment> {
  mayReadPlacements(press.turn.who);
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
    mayReadPlacements(press.turn.who);
    return placementListCard(await openPlacements(stores, school, press.turn.now), school, actor, press.input['offset']);
  }
  const attendance = attendanceSessionOf(press.input);
  return dueCard(await dueListFor(stores, school, actor, press.turn.now, attendance), school, press.turn.now, actor, press.input['offset'], attendance);
}

async function showApproval(press: Press): Promise<Attachment> {
  mayReadPlacements(press.turn.who);
  const placement = await placementOf(press);
  const { school, actor } = press.turn.who;
  return pendingPttApproval(placement) ? approvalCard(placement, school, press.turn.now, actor) : stateCard(press.turn, placement);
}

async function showChecklist(press: Press): Promise<Attachment> {
  mayReadPlacements(press.turn.who);
  const placement = await placementOf(press);
  const { school, actor } = press.turn.who;
  return placement.status === 'proposed' ? answerCard({ view: checklist(placement, school, press.turn.now, actor), notice: [] }, school) : stateCard(press.turn, placement);
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
const REFRESH: Record<Exclude<CardName, 'teamOverview' | 'placementList' | 'newPlacementForm' | 'timetableProposalForm'>, (press: Press) => Promise<Attachment>> = {
  reminder: showReminder,
  digest: showMore,
  approvalRequest: showApproval,
  checklist: showChecklist,
  concernAlert: showConcern,
  placementSummary: showPlacement,
  reviewForm: openForm('reviewForm'),
  concernForm: openForm('concernForm'),
  endPlacementForm: openForm('endPlacementForm'),
  done: showState,
  error: showState,
  // Never listed for a refresh: a dry run is its sender's alone.
  spreadsheetImport: () => Promise.reject(new AppError(ErrorCode.NotPossible, 'Send the spreadsheet again to see its dry run.')),
};

/** Import or Cancel on a spreadsheet's dry run: the card says what came of it. */
function importPress(verb: 'importSpreadsheet' | 'cancelImport') {
  return async (press: Press): Promise<Attachment> => {
    const { deps, who, now } = press.turn;
    return cardAttachment(await answerImportPress(deps.stores, deps.held, who, { verb, input: press.input }, now), who.school);
  };
}

const VIEW_ROUTES: Record<ViewVerb, (press: Press) => Promise<Attachment>> = {
  openReviewForm: openForm('reviewForm'),
  openConcernForm: openForm('concernForm'),
  openEndPlacementForm: openForm('endPlacementForm'),
  showPlacement,
  showReminder,
  showMore,
  importSpreadsheet: importPress('importSpreadsheet'),
  cancelImport: importPress('cancelImport'),
  refreshCard: (press) => {
    const card = press.input['card'];
    return (typeof card === 'string' && Object.hasOwn(REFRESH, card) ? REFRESH[card as keyof typeof REFRESH] : showState)(press);
  },
};

/** A short message in place of a new card: the card pressed stays as it was. */
const messageResponse = (text: string): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } });

async function runDecision(press: Press, decision: DecisionName): Promise<InvokeResponse> {
  const { turn, data } = press;
  const { school, staff } = turn.who;
  const placement = data.placementId ? await placementOf(press) : undefined;
  const typed = typedOnCard(decision, data);
  const input = decisionInput(decision, data.input ?? {}, typed, fieldsFor(decision, placement, turn.who, turn.now, { actionId: data.actionId, input: data.input ?? {} }));
  const actionId = data.actionId ?? turn.context.activity.id ?? randomUUID();
  try {
    const result = await decide(turn.deps.stores, {
      school,
      actor: turn.who.actor,
      decision,
      placementId: data.placementId ?? undefined,
      input,
      idempotencyKey: pressKey('teams', actionId, data.version, staff.id),
      expectedVersion: data.version ?? undefined,
      now: turn.now,
    });
    return cardResponse(answerCard(cardAfter(result, turn.who, turn.now), school));
  } catch (error) {
    const answer = cardRefused(error, decision, { input: data.input ?? {}, typed, placement, item: data.item }, turn.who, turn.now);
    if (!answer.beside) return cardResponse(answerCard(answer, school));
    // The list stays as it is; its item, as it now stands, comes as a card of its own.
    await turn.context.sendActivity({ attachments: [answerCard(answer, school)] });
    return messageResponse(answer.notice.join(' '));
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

  const found = await whoIs(deps, context, 'card action');
  if (!found) return cardResponse(errorCard(new AppError(ErrorCode.NotAllowed, strangerReply('teams'))));
  if ('answer' in found) return cardResponse(errorCard(new AppError(ErrorCode.NotPossible, found.answer)));
  const press: Press = { turn: { deps, context, ...found, now: deps.clock.now() }, data: data.data, input: data.data.input ?? {} };
  const verb = parsed.data.action.verb;
  try {
    if (isViewVerb(verb)) return cardResponse(await VIEW_ROUTES[verb](press));
    if (DECISIONS.has(verb)) return await runDecision(press, verb as DecisionName);
    return cardResponse(errorCard(new AppError(ErrorCode.NotPossible, 'This button no longer does anything. Say "help" to see what I can do.')));
  } catch (error) {
    const incident = randomUUID().slice(0, 8);
    // The error's name and where it was thrown, not its message: messages from deep down may quote pupil data.
    if (!isAppError(error) || !error.isUserError)
      deps.log.error({ incident, verb, error: error instanceof Error ? error.name : 'unknown', stack: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined }, 'Teams card action failed');
    return cardResponse(errorCard(error, incident));
  }
}
