import type { WebClient } from '@slack/web-api';
import { nudgeLoader } from '../../app/nudgeLoader.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { isAppError } from '../../core/errors.ts';
import type { StaffMember } from '../../core/policy/schoolConfig.ts';
import type { ChatDeps } from '../../ports/chatAdapter.ts';
import { DeliveryError, type NudgeChannel, type NudgeMessage } from '../../ports/nudgeChannel.ts';
import { TEAM_CHANNEL } from '../../ports/nudgeOutbox.ts';
import { staffUnreachableView } from '../../views/staffUnreachable.ts';
import { teamOverview } from '../../views/teamOverview.ts';
import { slackMessage } from './blocks/slackMessage.ts';
import { approvalMessage, concernMessage, dueMessage, reminderMessage, type SlackMessage } from './render.ts';

/** Marks what the bot posted, so `wasDelivered` can find a nudge again after a crash. */
const NUDGE_EVENT = 'apbot_nudge';
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Nudges as direct messages from the bot. The client given rejects rate-limited calls instead of
 * waiting, so a 429 reaches the deliverer with its Retry-After and the deliverer paces.
 */
export function slackNudgeChannel(deps: ChatDeps, client: WebClient): NudgeChannel {
  const dmWith = async (staff: StaffMember) => {
    const userId = staff.slack?.userId;
    if (!userId) throw new DeliveryError(`Staff ${staff.id} has no Slack user id`, { permanent: true });
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new DeliveryError('Slack opened no conversation', { permanent: true });
    return channel;
  };

  return {
    name: 'slack',
    canReach: (_schoolId, staff) => staff.slack?.userId !== undefined,

    async send(schoolId, staff, nudge, dedupeKey) {
      try {
        const { text, blocks } = await render(deps, schoolId, staff, nudge);
        await client.chat.postMessage({
          channel: await dmWith(staff),
          text,
          blocks,
          unfurl_links: false,
          metadata: { event_type: NUDGE_EVENT, event_payload: { dedupe_key: dedupeKey } },
        });
      } catch (error) {
        throw asDeliveryError(error);
      }
    },

    teamChannel: {
      chosen: async (schoolId) => (await teamChannelId(deps, schoolId)) !== undefined,
      async post(schoolId, nudge, dedupeKey) {
        try {
          const channel = await teamChannelId(deps, schoolId);
          if (!channel) throw new DeliveryError('No Slack channel was chosen for the team overview', { permanent: true });
          const { text, blocks } = await renderForTeam(deps, schoolId, nudge);
          await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, metadata: { event_type: NUDGE_EVENT, event_payload: { dedupe_key: dedupeKey } } });
        } catch (error) {
          throw asDeliveryError(error);
        }
      },
    },

    async wasDelivered(_schoolId, staff, dedupeKey) {
      try {
        const history = await client.conversations.history({ channel: await dmWith(staff), limit: 100, include_all_metadata: true });
        return (history.messages ?? []).some((m) => m.metadata?.event_type === NUDGE_EVENT && (m.metadata.event_payload as Record<string, unknown> | undefined)?.dedupe_key === dedupeKey);
      } catch (error) {
        throw asDeliveryError(error);
      }
    },
  };
}

/** The channel a leader chose with `/ap post here`. */
async function teamChannelId(deps: ChatDeps, schoolId: string): Promise<string | undefined> {
  const channel = (await deps.stores.conversations.get(schoolId, TEAM_CHANNEL, 'slack'))?.reference['channel'];
  return typeof channel === 'string' ? channel : undefined;
}

/** The morning overview as the team channel sees it: placements as they stand now, no buttons. */
async function renderForTeam(deps: ChatDeps, schoolId: string, nudge: NudgeMessage): Promise<SlackMessage> {
  const school = deps.schools.find((s) => s.id === schoolId);
  if (!school) throw new DeliveryError(`No school ${schoolId}`, { permanent: true });
  if (nudge.kind !== 'team_overview') throw new DeliveryError(`A ${nudge.kind} never goes to the team channel`, { permanent: true });
  const due = await Promise.all(nudge.items.map(nudgeLoader(deps.stores, schoolId).dueItem));
  return slackMessage(teamOverview(due, school, deps.clock.now(), nudge.date));
}

/** The nudge as the card this person should see; a card the views refuse them is a permanent failure. */
async function render(deps: ChatDeps, schoolId: string, staff: StaffMember, nudge: NudgeMessage): Promise<SlackMessage> {
  const school = deps.schools.find((s) => s.id === schoolId);
  const viewer = school && actorFor(school, staff.id);
  if (!school || !viewer) throw new DeliveryError(`Staff ${staff.id} is not at school ${schoolId}`, { permanent: true });
  const now = deps.clock.now();
  const { placementOf, dueItem, concernOf } = nudgeLoader(deps.stores, schoolId);

  try {
    switch (nudge.kind) {
      case 'reminder': {
        const { placement, obligation } = await dueItem(nudge.item);
        return reminderMessage(placement, obligation, school, now, viewer);
      }
      case 'approval_request':
        return approvalMessage(await placementOf(nudge.placementId), school, now, viewer);
      case 'concern_alert': {
        const { placement, concern } = await concernOf(nudge.placementId, nudge.concernKey);
        return concernMessage(placement, concern, school, now, viewer);
      }
      case 'team_overview':
        throw new DeliveryError('The team overview goes to the team channel, not to a person', { permanent: true });
      case 'digest':
        return dueMessage(await Promise.all(nudge.items.map(dueItem)), school, now, viewer);
      case 'attendance':
        return dueMessage(await Promise.all(nudge.items.map(dueItem)), school, now, viewer, 0, { date: nudge.date, session: nudge.session });
      case 'staff_unreachable':
        return slackMessage(staffUnreachableView(school, nudge.staffId, nudge.since));
    }
  } catch (error) {
    // The views refuse a card to someone who may not see it (a concern to a non-DSL): never retry that.
    if (isAppError(error) && error.isUserError) throw new DeliveryError(error.message, { permanent: true });
    throw error;
  }
}

function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('Slack rate limit', { retryAfterMs: (e.retryAfter ?? 1) * 1000 });
    case 'slack_webapi_http_error':
      return new DeliveryError(`Slack answered HTTP ${e.statusCode}`, { permanent: e.statusCode !== undefined && e.statusCode < 500 });
    case 'slack_webapi_platform_error':
      return new DeliveryError(`Slack refused: ${e.data?.error}`, { permanent: !RETRYABLE_PLATFORM_ERRORS.has(e.data?.error ?? '') });
    default:
      return new DeliveryError(`Slack could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
}
