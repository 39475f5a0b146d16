import { localDateOf } from '../core/calendar/localTime.ts';
import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { compareObligations } from '../core/obligations/deriveObligations.ts';
import { actingRole } from '../core/permissions.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { forTeamChannel } from '../core/obligations/audience.ts';
import { itemOf } from '../nudges/planNudges.ts';
import type { AuditLog } from '../ports/auditLog.ts';
import type { ChatPlatform, ConversationReference, ConversationStore } from '../ports/conversationStore.ts';
import { TEAM_CHANNEL, type NudgeOutbox } from '../ports/nudgeOutbox.ts';
import { oncePerProvider, openPlacements, type ReadStores } from './queries.ts';

const PLATFORMS: readonly ChatPlatform[] = ['teams', 'slack'];

/**
 * `post here`: a leader makes this conversation the school's AP team channel for the morning
 * overview. Audited when it changes; saying it again in the same place changes nothing. `check`
 * runs before a new channel is kept (Slack: can the bot post there?); if it throws, nothing is kept.
 */
export async function chooseTeamChannel(
  stores: { conversations: ConversationStore; audit: AuditLog },
  who: { school: School; actor: Actor },
  platform: ChatPlatform,
  reference: ConversationReference,
  now: Date,
  check: () => Promise<void> = async () => undefined,
): Promise<{ changed: boolean }> {
  const { school, actor } = who;
  const role = actingRole(actor.roles, 'chooseTeamChannel', school.config.permissions);
  const entry = { schoolId: school.id, at: now, actor: actor.staffId, placementId: null, idempotencyKey: null };
  if (!role) {
    await stores.audit.append({ ...entry, role: actor.roles[0] ?? null, action: 'refused:chooseTeamChannel', outcome: 'refused', summary: 'Not allowed to choose the AP team channel in the roles held' });
    throw new AppError(ErrorCode.NotAllowed, 'Only the AP lead or the headteacher can choose where the team overview is posted.');
  }
  const before = await stores.conversations.get(school.id, TEAM_CHANNEL, platform);
  if (JSON.stringify(before?.reference) !== JSON.stringify(reference)) await check();
  const saved = await stores.conversations.save(school.id, TEAM_CHANNEL, platform, reference, now);
  const changed = before === undefined || before.savedAt.getTime() !== saved.savedAt.getTime();
  if (changed)
    await stores.audit.append({ ...entry, role, action: 'chooseTeamChannel', outcome: 'recorded', summary: `Chose a ${platform === 'teams' ? 'Teams' : 'Slack'} channel for the morning AP team overview` });
  return { changed };
}

/**
 * Each school morning, one overview for the AP team channel (when a leader has chosen one): what is
 * late or due today across the school, and whose it is. Returns whether it was queued.
 */
export async function queueTeamOverview(stores: ReadStores & { outbox: NudgeOutbox; conversations: ConversationStore }, school: School, now: Date): Promise<boolean> {
  const today = localDateOf(now, school.config.school.timezone);
  if (!school.calendar.isSchoolDay(today)) return false;
  const chosen = await Promise.all(PLATFORMS.map((p) => stores.conversations.get(school.id, TEAM_CHANNEL, p)));
  if (chosen.every((c) => c === undefined)) return false;
  const open = (await openPlacements(stores, school, now)).flatMap(({ placement, obligations }) => obligations.filter(forTeamChannel).map((obligation) => ({ placement, obligation })));
  const items = oncePerProvider(open)
    .sort((a, b) => compareObligations(a.obligation, b.obligation))
    .map(({ placement, obligation }) => itemOf(placement, obligation));
  if (items.length === 0) return false;
  const { created } = await stores.outbox.enqueue(
    { schoolId: school.id, dedupeKey: `team|${today}`, recipient: { schoolId: school.id, staffId: TEAM_CHANNEL }, message: { kind: 'team_overview', schoolId: school.id, date: today, items }, notBefore: now },
    now,
  );
  return created;
}

/** What `post here` answers, on either platform. */
export function teamChannelReply(changed: boolean): string {
  return changed
    ? 'Done. Each school morning I will post here what is late or due today across our AP placements, and whose it is. Pupils appear by initials and reference only, and safeguarding matters never come here.'
    : 'This is already where I post the morning overview.';
}

export const TEAM_CHANNEL_NOT_HERE = 'Say "post here" in the team channel where the morning overview should go, not in our 1:1 chat.';
