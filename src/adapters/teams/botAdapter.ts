import { randomUUID } from 'node:crypto';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Log } from '../../ports/chatAdapter.ts';

export interface TeamsCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/**
 * The Bot Framework adapter. Without an app id it accepts unsigned requests (the Agents Playground
 * on loopback); with one, every request needs a Bot Framework token for that app id.
 */
export function createBotAdapter(credentials: TeamsCredentials, log: Log): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const incident = randomUUID().slice(0, 8);
    // Only the activity's type and the error's name: the text people typed stays out of the logs.
    log.error({ incident, activityType: context.activity.type, error: error instanceof Error ? error.name : 'unknown', stack: error instanceof Error ? error.stack : undefined }, 'Teams turn failed');
    if (context.activity.type === ActivityTypes.Message)
      await context.sendActivity(`Something went wrong on our side, and nothing was recorded. If it keeps happening, quote incident ${incident}.`).catch(() => undefined);
  };
  return adapter;
}
