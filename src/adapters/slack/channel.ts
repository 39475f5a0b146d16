import type { WebClient } from '@slack/web-api';
import { actingRole } from '../../core/permissions.ts';
import type { StaffMember } from '../../core/policy/schoolConfig.ts';
import type { ChatDeps } from '../../ports/chatChannel.ts';
import { DeliveryError, type Channel, type NudgeMessage } from '../../ports/channel.ts';
import { nudgeMessage } from './render.ts';

/** Marks what the bot posted, so `wasDelivered` can find a nudge again after a crash. */
const NUDGE_EVENT = 'apbot_nudge';
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Nudges as direct messages from the bot. The client given rejects rate-limited calls instead of
 * waiting, so a 429 reaches the deliverer with its Retry-After and the deliverer paces.
 */
export function slackChannel(deps: ChatDeps, client: WebClient): Channel {
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

async function render(deps: ChatDeps, schoolId: string, staff: StaffMember, nudge: NudgeMessage) {
  if (nudge.kind !== 'approval_request' && nudge.kind !== 'concern_alert') return nudgeMessage(nudge, undefined, undefined);
  const school = deps.schools.find((s) => s.id === schoolId);
  const placement = (await deps.stores.placements.get(schoolId, nudge.placementId))?.placement;
  if (nudge.kind === 'approval_request') return nudgeMessage(nudge, placement, undefined);
  const concern = placement?.history.findLast((e) => e.type === 'concern' && (e.key === nudge.concernKey || nudge.concernKey === undefined));
  // Only a DSL reads what a concern says; anyone else sent one learns just its category.
  const mayRead = school !== undefined && actingRole(staff.roles, 'readConcernDetails', school.config.permissions) !== null;
  const details = concern && 'details' in concern && typeof concern.details === 'string' ? concern.details : undefined;
  return nudgeMessage(nudge, placement, concern?.type === 'concern' ? { category: concern.category, ...(mayRead && details ? { details } : {}) } : undefined);
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
