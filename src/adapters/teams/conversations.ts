import { TurnContext } from 'botbuilder';
import type { Identified } from '../../app/identity.ts';
import type { TeamsDeps } from './turn.ts';

/**
 * Remembers where to reach a member of staff in a personal chat, for nudges, approvals and DSL
 * alerts. Only 1:1 chats: a channel or group chat is never where a DM goes. Returns whether this
 * conversation is new for them (the Playground re-sends its install event on every page load).
 */
export async function rememberPersonalChat(deps: TeamsDeps, context: TurnContext, self: Identified): Promise<boolean> {
  if (context.activity.conversation?.conversationType !== 'personal') return false;
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;
  // Which message it was does not matter for reaching the person again.
  delete reference.activityId;
  const before = await deps.stores.conversations.get(self.school.id, self.staff.id, 'teams');
  const saved = await deps.stores.conversations.save(self.school.id, self.staff.id, 'teams', reference, deps.clock.now());
  return before === undefined || before.savedAt.getTime() !== saved.savedAt.getTime();
}
