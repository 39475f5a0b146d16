import type { Attachment, CloudAdapter, ConversationReference } from 'botbuilder';
import { actingRole } from '../../core/permissions.ts';
import type { School, StaffMember } from '../../core/policy/schoolConfig.ts';
import { DeliveryError, type Channel, type NudgeMessage } from '../../ports/channel.ts';
import type { ConversationStore } from '../../ports/conversationStore.ts';
import type { PlacementStore } from '../../ports/placementStore.ts';
import { approvalRequestCard, attendanceCard, concernAlertCard, digestCard, reminderCard } from './attachments.ts';

export interface TeamsChannelDeps {
  adapter: CloudAdapter;
  /** The bot's app id; empty when running unauthenticated. */
  appId: string;
  schools: readonly School[];
  conversations: ConversationStore;
  placements: PlacementStore;
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
 * stored when they installed it. Approval requests and DSL alerts go to the DM only, never a channel.
 */
export function teamsChannel(deps: TeamsChannelDeps): Channel {
  async function attachmentFor(school: School, staff: StaffMember, message: NudgeMessage): Promise<Attachment> {
    switch (message.kind) {
      case 'reminder':
        return reminderCard(message.item);
      case 'digest':
        return digestCard(message.items);
      case 'attendance':
        return attendanceCard(message.date, message.session, message.items);
      case 'approval_request': {
        const record = await deps.placements.get(school.id, message.placementId);
        if (!record) throw new DeliveryError(`No placement ${message.placementId}`, { permanent: true });
        const proposer = school.config.staff.find((s) => s.id === record.placement.proposedBy)?.name;
        return approvalRequestCard(record.placement, proposer);
      }
      case 'concern_alert': {
        // Concern details only ever reach someone who may read them (the DSLs), and only in their DM.
        if (!actingRole(staff.roles, 'readConcernDetails', school.config.permissions)) throw new DeliveryError('Concern details go to the DSLs only', { permanent: true });
        const record = await deps.placements.get(school.id, message.placementId);
        const concern = record?.placement.history.find((e) => e.type === 'concern' && e.key === message.concernKey);
        if (!record || concern?.type !== 'concern') throw new DeliveryError(`No concern ${message.concernKey} on ${message.placementId}`, { permanent: true });
        return concernAlertCard(record.placement, { category: concern.category, on: concern.on, details: typeof concern.details === 'string' ? concern.details : '' });
      }
    }
  }

  async function personalChat(schoolId: string, staff: StaffMember): Promise<ConversationReference | undefined> {
    const stored = await deps.conversations.get(schoolId, staff.id, 'teams');
    return stored?.reference as ConversationReference | undefined;
  }

  return {
    name: 'teams',
    async canReach(schoolId, staff) {
      return staff.teams !== undefined && (await personalChat(schoolId, staff)) !== undefined;
    },
    async send(schoolId, staff, message) {
      const school = deps.schools.find((s) => s.id === schoolId);
      if (!school) throw new DeliveryError(`No school ${schoolId}`, { permanent: true });
      const reference = await personalChat(schoolId, staff);
      if (!reference) throw new DeliveryError('This person has not installed the bot in Teams yet', { permanent: true });
      const attachment = await attachmentFor(school, staff, message);
      // The adapter hands errors thrown inside a turn to onTurnError; catch them here so the outbox sees them.
      let failure: unknown;
      try {
        await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
          await context.sendActivity({ attachments: [attachment] }).catch((error: unknown) => {
            failure = error ?? new Error('send failed');
          });
        });
      } catch (error) {
        failure = error;
      }
      if (failure !== undefined) throw deliveryErrorOf(failure);
    },
  };
}
