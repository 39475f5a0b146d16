import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import { decide } from '../../app/decide.ts';
import { withAttendance } from '../../app/withAttendance.ts';
import { DECISIONS, type DecisionName } from '../../core/decisions/index.ts';
import { ErrorCode, isAppError } from '../../core/errors.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { doneCard, errorCard, formCard, placementCard, REFRESH, SHOW_FORM } from './attachments.ts';
import { FORMS, inputFromCard, typedValues } from './forms.ts';
import { auditStranger, STRANGER_REPLY, whoIs, type TeamsDeps, type Turn } from './turn.ts';

const invokeValue = z.object({
  action: z.object({
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  trigger: z.string().optional(),
});

const actionData = z.looseObject({
  actionId: z.string().min(1).max(100).optional(),
  placementId: z.string().min(1).max(64).optional(),
  version: z.number().int().min(0).optional(),
  form: z.string().max(100).optional(),
});
type ActionData = z.output<typeof actionData>;

const cardResponse = (attachment: Attachment): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: attachment.content },
});

const badRequest = (message: string): InvokeResponse => ({
  status: 200,
  body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } },
});

function when(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
}

async function currentPlacement(turn: Turn, placementId: string | undefined) {
  if (placementId === undefined) return undefined;
  const record = await turn.deps.stores.placements.get(turn.who.school.id, placementId);
  return record && withAttendance(record.placement, turn.who.school.id, turn.deps.stores.attendance);
}

async function stateCard(turn: Turn, placementId: string, note?: string): Promise<Attachment> {
  const placement = await currentPlacement(turn, placementId);
  if (!placement) return errorCard(note ?? `There is no placement ${placementId}.`);
  return placementCard(placement, deriveObligations(placement, turn.who.school, turn.now), note);
}

async function showForm(turn: Turn, data: ActionData): Promise<InvokeResponse> {
  const form = data.form;
  if (form === undefined || !FORMS[form as DecisionName]) return badRequest('Unknown form');
  const placement = await currentPlacement(turn, data.placementId);
  if (data.placementId !== undefined && !placement) return cardResponse(errorCard(`There is no placement ${data.placementId}.`));
  return cardResponse(formCard(form as DecisionName, placement));
}

async function runDecision(turn: Turn, verb: DecisionName, data: ActionData): Promise<InvokeResponse> {
  const { school, actor, staff } = turn.who;
  const input = inputFromCard(verb, data);
  // A card's action id plus the person: a double click, or the same card pressed twice, records once.
  const key = `teams:${data.actionId ?? turn.context.activity.id ?? randomUUID()}:${staff.id}`;
  try {
    const result = await decide(turn.deps.stores, { school, actor, decision: verb, placementId: data.placementId, input, idempotencyKey: key, expectedVersion: data.version, now: turn.now });
    const summary = result.replayed ? `Already recorded: ${result.summary}` : result.summary;
    return cardResponse(doneCard(summary, staff.name, when(turn.now, school.config.school.timezone), result.record.placement));
  } catch (error) {
    if (!isAppError(error) || !error.isUserError) throw error;
    if (error.code === ErrorCode.Conflict && data.placementId !== undefined) return cardResponse(await stateCard(turn, data.placementId, error.message));
    const message = [error.message, ...error.problems].join('\n');
    if (FORMS[verb]) {
      const placement = await currentPlacement(turn, data.placementId);
      const fixed = data.input !== null && typeof data.input === 'object' ? (data.input as Record<string, unknown>) : undefined;
      return cardResponse(formCard(verb, placement, { error: message, values: typedValues(verb, data), ...(fixed ? { fixed } : {}) }));
    }
    return cardResponse(data.placementId !== undefined ? await stateCard(turn, data.placementId, message) : errorCard(message));
  }
}

/**
 * An `Action.Execute` press (`adaptiveCard/action`): the verb is the decision's name, and the
 * answer is the card that replaces the pressed one. Refusals and bad input come back on the card;
 * nothing a person does turns into a 500.
 */
export async function onCardAction(deps: TeamsDeps, context: TurnContext): Promise<InvokeResponse> {
  const parsed = invokeValue.safeParse(context.activity.value);
  if (!parsed.success) return badRequest('This is not a card action I understand.');
  const data = actionData.safeParse(parsed.data.action.data);
  if (!data.success) return badRequest('The card sent something I cannot read.');

  const found = whoIs(deps, context);
  if (!found) {
    await auditStranger(deps, context, 'card action');
    return cardResponse(errorCard(STRANGER_REPLY));
  }
  const turn: Turn = { deps, context, ...found, now: deps.clock.now() };
  const verb = parsed.data.action.verb;
  try {
    if (verb === SHOW_FORM) return await showForm(turn, data.data);
    if (verb === REFRESH) return data.data.placementId === undefined ? badRequest('Which placement?') : cardResponse(await stateCard(turn, data.data.placementId));
    if (DECISIONS.has(verb)) return await runDecision(turn, verb as DecisionName, data.data);
    return cardResponse(errorCard('This button no longer does anything. Say "help" to see what I can do.'));
  } catch (error) {
    if (isAppError(error) && error.isUserError) return cardResponse(errorCard(error.message));
    const incident = randomUUID().slice(0, 8);
    deps.log.error({ incident, verb, error: error instanceof Error ? error.name : 'unknown', stack: error instanceof Error ? error.stack : undefined }, 'Teams card action failed');
    return cardResponse(errorCard(`Something went wrong on our side, and nothing was recorded. If it keeps happening, quote incident ${incident}.`));
  }
}
