import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { localDateOf } from '../core/calendar/localTime.ts';
import { DECISIONS, type DecisionName } from '../core/decisions/index.ts';
import type { Actor, AttendanceOutcome, DecisionContext } from '../core/decisions/decision.ts';
import { AppError, ErrorCode, isAppError } from '../core/errors.ts';
import { actingRole } from '../core/permissions.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { parseOrThrow } from '../core/validation.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { AuditLog } from '../ports/auditLog.ts';
import type { NudgeOutbox } from '../ports/nudgeOutbox.ts';
import type { PlacementRecord, PlacementStore } from '../ports/placementStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';
import { followUpsOf } from '../nudges/followUps.ts';
import { outboxEntryOf } from './sweep.ts';
import { asItStands } from './asItStands.ts';
import { keepProvider } from './keepProvider.ts';

export interface DecisionStores {
  placements: PlacementStore;
  audit: AuditLog;
  attendance: AttendanceStore;
  providers: ProviderStore;
  outbox: NudgeOutbox;
}

export interface DecideRequest {
  school: School;
  actor: Actor;
  decision: string;
  /** The placement decided on; left out by decisions that create one. */
  placementId?: string;
  input: unknown;
  /** The same key twice records once: a card action id plus the user, or a command's id. */
  idempotencyKey: string;
  /** The version a card showed; if the placement moved on since, the card is stale. */
  expectedVersion?: number;
  now: Date;
}

export interface DecideResult {
  decision: DecisionName;
  record: PlacementRecord;
  summary: string;
  attendance?: AttendanceOutcome;
  /** True when this key had been recorded before: nothing new was written. */
  replayed: boolean;
  /** When it was recorded: now, or for a replay the first time. */
  at: Date;
}

/** Enough for every one of a burst of simultaneous decisions on one placement to land. */
const CONFLICT_RETRIES = 30;

/** Taken from the decision's key, so a repeated create names the same placement and records once. */
export function newPlacementId(schoolId: string, idempotencyKey: string): string {
  return `P-${createHash('sha256').update(`${schoolId}\n${idempotencyKey}`).digest('hex').slice(0, 8).toUpperCase()}`;
}

/** A changed placement is looked at by the next sweep; an ended one never again. */
export function nextDueAtOf(placement: Placement, now: Date): Date | null {
  return placement.status === 'ended' ? null : now;
}

/** Queues what a decision sends at once (a concern to the DSLs, an approval request). */
async function sendFollowUps(stores: DecisionStores, result: DecideResult, request: DecideRequest): Promise<DecideResult> {
  if (result.replayed) return result;
  const placement = await asItStands(stores, request.school.id, result.record.placement);
  for (const nudge of followUpsOf(result.decision, placement, request.idempotencyKey, request.actor.staffId, request.school, request.now))
    await stores.outbox.enqueue(outboxEntryOf(request.school.id, nudge), request.now);
  return result;
}

/**
 * Records one staff decision: checks who may, validates the input, applies the rule in the core,
 * and writes the new state with its audit entry. A refusal is audited; bad input changes nothing;
 * a repeat of the same key records nothing new.
 */
export async function decide(stores: DecisionStores, request: DecideRequest): Promise<DecideResult> {
  const result = await record(stores, request);
  return sendFollowUps(stores, { ...result, at: result.at ?? firstRecordedAt(result.record.placement, request) }, request);
}

/** When a decision with this key was first recorded: its event's time, else now. */
function firstRecordedAt(placement: Placement, request: DecideRequest): Date {
  const event = placement.history.find((e) => e.key === request.idempotencyKey);
  return event?.at ? new Date(event.at) : request.now;
}

async function record(stores: DecisionStores, request: DecideRequest): Promise<Omit<DecideResult, 'at'> & { at?: Date }> {
  const { school, actor, now, idempotencyKey: key } = request;
  const decision = DECISIONS.get(request.decision);
  if (!decision) throw new AppError(ErrorCode.InvalidInput, `There is no decision called "${request.decision}".`);
  const name = decision.name as DecisionName;

  const role = actingRole(actor.roles, name, school.config.permissions);
  if (!role) {
    await stores.audit.append({
      schoolId: school.id,
      at: now,
      actor: actor.staffId,
      role: actor.roles[0] ?? null,
      action: `refused:${name}`,
      placementId: request.placementId ?? null,
      idempotencyKey: null,
      outcome: 'refused',
      summary: `Not allowed to ${name} in the roles held`,
    });
    throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to do that. Ask your AP lead or headteacher if you think you should be.');
  }

  if (request.placementId === undefined && decision.target === 'existing') throw new AppError(ErrorCode.InvalidInput, 'Say which placement this is for.');
  if (request.placementId !== undefined && decision.target === 'new') throw new AppError(ErrorCode.InvalidInput, 'This creates a new placement; leave the placement out.');
  const input = parseOrThrow(decision.input, request.input, 'That');
  const today = localDateOf(now, school.config.school.timezone);
  const ctx: DecisionContext = { school, actor, role, now, today, key, newPlacementId: newPlacementId(school.id, key) };
  const audit = (placementId: string, summary: string) => ({
    schoolId: school.id,
    at: now,
    actor: actor.staffId,
    role,
    action: name,
    placementId,
    idempotencyKey: key,
    outcome: 'recorded' as const,
    summary,
  });

  if (request.placementId === undefined) {
    const outcome = decision.apply(undefined, input, { ...ctx, pupilPlacements: await samePupil(stores, school.id, input, ctx.newPlacementId) });
    const nextDueAt = nextDueAtOf(outcome.placement, now);
    const created = await stores.placements.create({
      record: { schoolId: school.id, placement: outcome.placement, nextDueAt },
      idempotencyKey: key,
      audit: audit(outcome.placement.id, outcome.summary),
    });
    if (!created.replayed) await keepProvider(stores.providers, school.id, created.record.placement, created.record.placement.history);
    return { decision: name, record: created.record, summary: outcome.summary, replayed: created.replayed };
  }
  for (let attempt = 0; ; attempt++) {
    const record = await stores.placements.get(school.id, request.placementId);
    if (!record) throw new AppError(ErrorCode.NotFound, `That placement is no longer here. Say "status" to see the open ones.`);
    if (record.placement.history.some((e) => e.key === key))
      return { decision: name, record, summary: 'Already recorded', replayed: true };
    if (request.expectedVersion !== undefined && request.expectedVersion !== record.placement.version)
      throw new AppError(ErrorCode.Conflict, 'Someone else has updated this placement since this card was sent. Here is how it stands now.');

    const current = await asItStands(stores, school.id, record.placement);
    const outcome = decision.apply(current, input, ctx);
    if (outcome.attendance) return recordAttendance(stores, outcome.attendance, record, audit(record.placement.id, outcome.summary), name);

    // The marks merged in from the attendance store stay there: store only the events this decision added.
    const added = outcome.placement.history.slice(current.history.length);
    const placement = { ...outcome.placement, history: [...record.placement.history, ...added] };
    try {
      const result = await stores.placements.applyDecision({
        schoolId: school.id,
        placementId: record.placement.id,
        expectedVersion: record.placement.version,
        idempotencyKey: key,
        placement,
        nextDueAt: nextDueAtOf(placement, now),
        audit: audit(record.placement.id, outcome.summary),
      });
      if (!result.replayed) await keepProvider(stores.providers, school.id, placement, added);
      return { decision: name, record: result.record, summary: outcome.summary, replayed: result.replayed };
    } catch (error) {
      // Somebody else's decision landed first: work this one out again from the new state.
      const retry = isAppError(error) && error.code === ErrorCode.Conflict && request.expectedVersion === undefined && attempt < CONFLICT_RETRIES;
      if (!retry) throw error;
      await sleep(Math.random() * 5);
    }
  }
}

/** The placements already on record for the pupil a new placement names (not the one this very key makes). */
async function samePupil(stores: DecisionStores, schoolId: string, input: unknown, newId: string): Promise<Placement[]> {
  const ref = (input as { pupil?: { ref?: unknown } }).pupil?.ref;
  if (typeof ref !== 'string') return [];
  return (await stores.placements.list(schoolId, { pupilRef: ref })).map((r) => r.placement).filter((p) => p.id !== newId);
}

async function recordAttendance(
  stores: DecisionStores,
  mark: AttendanceOutcome,
  record: PlacementRecord,
  audit: Parameters<AuditLog['append']>[0],
  name: DecisionName,
): Promise<Omit<DecideResult, 'at'> & { at?: Date }> {
  const existing = (await stores.attendance.listForPlacement(record.schoolId, mark.placementId, mark.date, mark.date)).find((m) => m.session === mark.session);
  if (existing) {
    if (existing.mark === mark.mark) return { decision: name, record, summary: 'Already recorded', attendance: mark, replayed: true, at: existing.at };
    throw new AppError(ErrorCode.NotPossible, `${mark.date} ${mark.session} is already marked ${existing.mark.replaceAll('_', ' ')}.`);
  }
  // The mark and its audit entry are written together (see AttendanceStore.record).
  await stores.attendance.record({ schoolId: record.schoolId, placementId: mark.placementId, date: mark.date, session: mark.session, mark: mark.mark as never, by: audit.actor, at: audit.at }, audit);
  return { decision: name, record, summary: audit.summary, attendance: mark, replayed: false, at: audit.at };
}
