import type { TurnContext } from 'botbuilder';
import { auditIdOf, type Identified, type PlatformIdentity } from '../../app/identity.ts';
import { staffHere } from '../../app/schoolChoice.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import type { ChatDeps } from '../../ports/chatAdapter.ts';
import type { DemoPersonas } from './demoPersonas.ts';

export interface TeamsDeps extends ChatDeps {
  /** Present in demo mode only. */
  personas: DemoPersonas | undefined;
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
 * this conversation is about; nothing for a stranger; or what to say instead (which school?).
 */
export async function whoIs(deps: TeamsDeps, context: TurnContext, text?: string): Promise<{ who: Identified; self: Identified } | { answer: string } | undefined> {
  const identity = teamsIdentityOf(context);
  if (!identity) return undefined;
  const found = await staffHere(deps.schools, deps.stores.conversations, identity, { id: context.activity.conversation?.id, commandPrefix: '' }, text, deps.clock.now());
  if (found.kind === 'stranger') return undefined;
  if (found.kind === 'answer') return { answer: found.text };
  const self = found.who;
  const persona = deps.personas?.actingAs(identity.aadObjectId, self.school);
  const actor = persona && actorFor(self.school, persona.id);
  return { self, who: persona && actor ? { school: self.school, staff: persona, actor } : self };
}

/**
 * Writes down that someone the bot does not know tried it, in every school they might have meant
 * (the one for their tenant, or every school when no tenant is theirs). Never their name: an opaque id.
 */
export async function auditStranger(deps: TeamsDeps, context: TurnContext, what: string): Promise<void> {
  const identity = teamsIdentityOf(context) ?? { platform: 'teams' as const, aadObjectId: context.activity.from?.id ?? 'unknown' };
  const inTenant = deps.schools.filter((s) => s.config.school.teamsTenantId !== undefined && s.config.school.teamsTenantId === identity.tenantId);
  const schools = inTenant.length > 0 ? inTenant : deps.schools;
  const at = deps.clock.now();
  for (const school of schools)
    await deps.stores.audit.append({
      schoolId: school.id,
      at,
      actor: auditIdOf(identity),
      role: null,
      action: 'refused:unknown_user',
      placementId: null,
      idempotencyKey: null,
      outcome: 'refused',
      summary: `Refused a Teams ${what} from someone who is not on the staff list`,
    });
}

export const STRANGER_REPLY =
  "Sorry, I don't recognise you as a member of staff at a school I work for, so I can't show or record anything. If you should have access, ask your AP lead to add your Teams account to the school's staff list.";
