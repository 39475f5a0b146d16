import { randomUUID } from 'node:crypto';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Log } from '../../ports/chatAdapter.ts';
import { quietly } from './quietAuthentication.ts';

export interface TeamsCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

type Authenticated = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type Logic = (context: TurnContext) => Promise<void>;

/**
 * botbuilder's CloudAdapter with its two steps apart, so the route can answer every failed token
 * the same way: `authenticate` throws, whatever the reason, when the token is not good; `run` then
 * takes the turn and returns an invoke's answer.
 */
export class TeamsAdapter extends CloudAdapter {
  readonly #auth: ConfigurationBotFrameworkAuthentication;

  constructor(auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
    this.#auth = auth;
  }

  authenticate(activity: Activity, authHeader: string): Promise<Authenticated> {
    return quietly(() => this.#auth.authenticateRequest(activity, authHeader));
  }

  run(authenticated: Authenticated, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * The Bot Framework adapter. Without an app id it accepts unsigned requests (the Agents Playground
 * on loopback, demo only); with one, every request needs a Bot Framework token for that app id.
 */
export function createBotAdapter(credentials: TeamsCredentials, log: Log): TeamsAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.appType,
  });
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const incident = randomUUID().slice(0, 8);
    // Only the activity's type and the error's name: the text people typed stays out of the logs.
    log.error({ incident, activityType: context.activity.type, error: error instanceof Error ? error.name : 'unknown', stack: error instanceof Error ? error.stack : undefined }, 'Teams turn failed');
    if (context.activity.type === ActivityTypes.Message)
      await context.sendActivity(`Something went wrong on our side, and nothing was recorded. If it keeps happening, quote incident ${incident}.`).catch(() => undefined);
  };
  return adapter;
}
