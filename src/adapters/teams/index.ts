import { HeldImports } from '../../app/chatImport.ts';
import type { ChatAdapter, ChatDeps } from '../../ports/chatAdapter.ts';
import { createBotAdapter, type TeamsCredentials } from './botAdapter.ts';
import { botLogic } from './bot.ts';
import { DemoPersonas } from './demoPersonas.ts';
import { messagesRoute } from './messagesRoute.ts';
import { teamsNudgeChannel } from './teamsNudgeChannel.ts';
import { TurnsUnderWay } from './turnsUnderWay.ts';
import { afterAck } from '../ackFirst.ts';

/**
 * The bot in Microsoft Teams: `POST /api/messages` (commands, card actions, installs) and a
 * channel that sends nudges to each person's 1:1 chat. Without an app id it runs unauthenticated,
 * which the composition root allows on loopback only (the Agents Playground).
 */
export function createTeams(deps: ChatDeps & { teams: TeamsCredentials }): ChatAdapter {
  const adapter = createBotAdapter(deps.teams, deps.log);
  const teamsDeps = { ...deps, personas: deps.demo ? new DemoPersonas() : undefined, adapter, appId: deps.teams.appId ?? '', held: new HeldImports() };
  const underWay = new TurnsUnderWay();
  return {
    name: 'teams',
    routes: { '/api/messages': messagesRoute(adapter, botLogic(teamsDeps), deps.log, { afterAcks: () => afterAck(deps), underWay }) },
    settled: () => underWay.settled(),
    channel: teamsNudgeChannel({ adapter, appId: deps.teams.appId ?? '', schools: deps.schools, conversations: deps.stores.conversations, placements: deps.stores.placements, attendance: deps.stores.attendance, providers: deps.stores.providers, clock: deps.clock }),
  };
}
