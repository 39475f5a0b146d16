import type { CloudAdapter, TurnContext } from 'botbuilder';
import { staffOrStranger } from '../../app/guards.ts';
import type { Identified, PlatformIdentity } from '../../app/identity.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import type { ChatDeps } from '../../ports/chatAdapter.ts';
import type { DemoPersonas } from './demoPersonas.ts';

export interface TeamsDeps extends ChatDeps {
  /** Present in demo mode only. */
  personas: DemoPersonas | undefined;
  /** For opening chats the bot starts itself (a staff team's roster). */
  adapter: CloudAdapter;
  /** The bot's app id; empty when running unauthenticated. */
  appId: string;
}

/** One incoming activity from a known member of staff. */
export interface Turn {
  deps: TeamsDeps;
  context: TurnContext;
  who: Identified;
  /** The real user, when they act as someone else in the demo. */
  self: Identified;
  now: Date;
}

/** The Teams user behind an activity. Ids are taken as Teams sends them: the Playground's are not UUIDs. */
export function teamsIdentityOf(context: TurnContext): Extract<PlatformIdentity, { platform: 'teams' }> | undefined {
  const { from, conversation, channelData } = context.activity;
  const aadObjectId = typeof from?.aadObjectId === 'string' && from.aadObjectId !== '' ? from.aadObjectId : undefined;
  if (!aadObjectId) return undefined;
  const tenant = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof conversation?.tenantId === 'string' ? conversation.tenantId : typeof tenant === 'string' ? tenant : undefined;
  return { platform: 'teams', aadObjectId, tenantId };
}

/**
 * The member of staff an activity comes from (and, in the demo, whom they act as); for a stranger,
 * nothing, once the app has audited the refusal.
 */
export async function whoIs(deps: TeamsDeps, context: TurnContext, what: string): Promise<{ who: Identified; self: Identified } | undefined> {
  const identity = teamsIdentityOf(context) ?? { platform: 'teams' as const, aadObjectId: context.activity.from?.id ?? 'unknown' };
  const self = await staffOrStranger({ ...deps, now: deps.clock.now() }, identity, what);
  if (!self) return undefined;
  const persona = deps.personas?.actingAs(identity.aadObjectId, self.school);
  const actor = persona && actorFor(self.school, persona.id);
  return { self, who: persona && actor ? { school: self.school, staff: persona, actor } : self };
}
