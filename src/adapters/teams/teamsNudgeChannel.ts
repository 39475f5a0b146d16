import type { Attachment, CloudAdapter, ConversationReference } from 'botbuilder';
import { nudgeLoader } from '../../app/nudgeLoader.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { isAppError } from '../../core/errors.ts';
import type { School, StaffMember } from '../../core/policy/schoolConfig.ts';
import type { AttendanceStore } from '../../ports/attendanceStore.ts';
import { DeliveryError, type NudgeChannel, type NudgeMessage } from '../../ports/nudgeChannel.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ConversationStore } from '../../ports/conversationStore.ts';
import type { PlacementStore } from '../../ports/placementStore.ts';
import type { ProviderStore } from '../../ports/providerStore.ts';
import { TEAM_CHANNEL } from '../../ports/nudgeOutbox.ts';
import { approvalCard, concernCard, dueCard, reminderCard, staffUnreachableCard, teamOverviewCard } from './attachments.ts';

export interface TeamsNudgeChannelDeps {
  adapter: CloudAdapter;
  /** The bot's app id; empty when running unauthenticated. */
  appId: string;
  schools: readonly School[];
  conversations: ConversationStore;
  placements: PlacementStore;
  attendance: AttendanceStore;
  providers: ProviderStore;
  clock: Clock;
}

/** What the connector's client throws: a status and the response's headers. */
interface HttpFailure {
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined } };
}

function retryAfterMs(failure: HttpFailure): number | undefined {
  const header = failure.response?.headers?.get?.('retry-after');
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function deliveryErrorOf(error: unknown): DeliveryError {
  const failure = (error ?? {}) as HttpFailure;
  const status = typeof failure.statusCode === 'number' ? failure.statusCode : undefined;
  if (status === 429) return new DeliveryError('Teams is throttling the bot (429)', { retryAfterMs: retryAfterMs(failure) ?? 1000 });
  // 404/403: the chat is gone or the app was uninstalled; sending again will not help.
  if (status !== undefined && status >= 400 && status < 500) return new DeliveryError(`Teams refused the message (${status})`, { permanent: true });
  return new DeliveryError(status === undefined ? `Teams could not be reached (${error instanceof Error ? error.name : 'unknown'})` : `Teams failed (${status})`);
}

/**
 * Nudges as Teams messages in each person's 1:1 chat with the bot, through the conversation
 * stored when they installed it. Approval requests and DSL alerts go to the DM only, never a channel;
 * the one thing posted in a channel is the morning team overview, where a leader said `post here`.
 */
export function teamsNudgeChannel(deps: TeamsNudgeChannelDeps): NudgeChannel {
  async function attachmentFor(school: School, staff: StaffMember, message: NudgeMessage): Promise<Attachment> {
    const viewer = actorFor(school, staff.id);
    if (!viewer) throw new DeliveryError(`Staff ${staff.id} is not at school ${school.id}`, { permanent: true });
    const now = deps.clock.now();
    const { placementOf, dueItem, concernOf } = nudgeLoader(deps, school.id);
    try {
      switch (message.kind) {
        case 'reminder': {
          const { placement, obligation } = await dueItem(message.item);
          return reminderCard(placement, obligation, school, now, viewer);
        }
        case 'digest':
          return dueCard(await Promise.all(message.items.map(dueItem)), school, now, viewer);
        case 'attendance':
          return dueCard(await Promise.all(message.items.map(dueItem)), school, now, viewer, 0, { date: message.date, session: message.session });
        case 'approval_request':
          return approvalCard(await placementOf(message.placementId), school, now, viewer);
        case 'concern_alert': {
          const { placement, concern } = await concernOf(message.placementId, message.concernKey);
          // The view refuses the details to anyone but a DSL; they go to the DM only, never a channel.
          return concernCard(placement, concern, school, now, viewer);
        }
        case 'team_overview':
          throw new DeliveryError('The team overview goes to the team channel, not to a person', { permanent: true });
        case 'staff_unreachable':
          return staffUnreachableCard(school, message.staffId, message.since);
      }
    } catch (error) {
      // A card the views refuse this person (a concern to a non-DSL, an approval already given) is never worth retrying.
      if (isAppError(error) && error.isUserError) throw new DeliveryError(error.message, { permanent: true });
      throw error;
    }
  }

  async function stored(schoolId: string, staffId: string): Promise<ConversationReference | undefined> {
    return (await deps.conversations.get(schoolId, staffId, 'teams'))?.reference as ConversationReference | undefined;
  }

  function schoolOf(schoolId: string): School {
    const school = deps.schools.find((s) => s.id === schoolId);
    if (!school) throw new DeliveryError(`No school ${schoolId}`, { permanent: true });
    return school;
  }

  /** Sends a card into a stored conversation; `newPost` starts its own thread in a channel instead of answering one. */
  async function post(reference: ConversationReference, attachment: Attachment, newPost = false): Promise<void> {
    // The adapter hands errors thrown inside a turn to onTurnError; catch them here so the outbox sees them.
    let failure: unknown;
    try {
      await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
        // Without a replyToId the connector's sendToConversation makes a new post, not a reply.
        if (newPost)
          context.onSendActivities(async (_context, activities, next) => {
            for (const activity of activities) delete activity.replyToId;
            return next();
          });
        await context.sendActivity({ attachments: [attachment] }).catch((error: unknown) => {
          failure = error ?? new Error('send failed');
        });
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) throw deliveryErrorOf(failure);
  }

  return {
    name: 'teams',
    async canReach(schoolId, staff) {
      return staff.teams !== undefined && (await stored(schoolId, staff.id)) !== undefined;
    },
    async send(schoolId, staff, message) {
      const school = schoolOf(schoolId);
      const reference = await stored(schoolId, staff.id);
      if (!reference) throw new DeliveryError('This person has not installed the bot in Teams yet', { permanent: true });
      await post(reference, await attachmentFor(school, staff, message));
    },
    teamChannel: {
      chosen: async (schoolId) => (await stored(schoolId, TEAM_CHANNEL)) !== undefined,
      async post(schoolId, message) {
        const school = schoolOf(schoolId);
        const reference = await stored(schoolId, TEAM_CHANNEL);
        if (!reference) throw new DeliveryError('No Teams channel was chosen for the team overview', { permanent: true });
        if (message.kind !== 'team_overview') throw new DeliveryError(`A ${message.kind} never goes to the team channel`, { permanent: true });
        const due = await Promise.all(message.items.map(nudgeLoader(deps, school.id).dueItem));
        await post(reference, teamOverviewCard(due, school, deps.clock.now(), message.date), true);
      },
    },
  };
}
