import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { HeldImports } from '../../app/chatImport.ts';
import { staffOrStranger } from '../../app/guards.ts';
import type { Identified, PlatformIdentity } from '../../app/identity.ts';
import { staffHere } from '../../app/schoolChoice.ts';
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
  /** Spreadsheets sent in a 1:1 chat, between their dry run and Import or Cancel. */
  held: HeldImports;
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

/**
 * The Teams user behind an activity: only Teams itself (`msteams`) vouches for an Entra object id,
 * and only with the tenant it came from (where the conversation and the channel data both name one,
 * they must agree). Ids are taken as Teams sends them: the Playground's are not UUIDs.
 */
export function teamsIdentityOf(context: TurnContext): Extract<PlatformIdentity, { platform: 'teams' }> | undefined {
  const { from, conversation, channelData, channelId } = context.activity;
  const aadObjectId = typeof from?.aadObjectId === 'string' && from.aadObjectId !== '' ? from.aadObjectId : undefined;
  if (!aadObjectId || channelId !== 'msteams') return undefined;
  const named = [conversation?.tenantId, (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id].filter((t): t is string => typeof t === 'string' && t !== '');
  const tenantId = named.length > 0 && named.every((t) => t === named[0]) ? named[0] : undefined;
  return { platform: 'teams', aadObjectId, tenantId };
}

/**
 * The member of staff an activity comes from (and, in the demo, whom they act as), in the school
 * this conversation is about; what to say instead to someone on the staff of two schools who has
 * not said which (or just did, with `school <name>`); for a stranger, nothing, once the app has
 * audited the refusal.
 */
export async function whoIs(deps: TeamsDeps, context: TurnContext, what: string, text?: string): Promise<{ who: Identified; self: Identified } | { answer: string } | undefined> {
  const verified = teamsIdentityOf(context);
  const now = deps.clock.now();
  const here = verified && (await staffHere(deps.schools, deps.stores.conversations, verified, { id: context.activity.conversation?.id, commandPrefix: '' }, text, now));
  if (here?.kind === 'answer') return { answer: here.text };
  const identity = verified ?? { platform: 'teams' as const, aadObjectId: context.activity.from?.id ?? 'unknown' };
  const self = here?.kind === 'staff' ? here.who : await staffOrStranger({ ...deps, now }, identity, what);
  if (!self) return undefined;
  const persona = deps.personas?.actingAs(identity.aadObjectId, self.school);
  const actor = persona && actorFor(self.school, persona.id);
  return { self, who: persona && actor ? { school: self.school, staff: persona, actor } : self };
}
