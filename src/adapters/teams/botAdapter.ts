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
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** More than any bot meets (a service URL per region Teams serves it from): past it, the kept clients are let go. */
const MOST_CLIENTS_KEPT = 64;

/**
 * botbuilder makes a connector client and a user-token client, each with an HTTP pipeline of its
 * own, for every activity, card presses included, where a handful serve every turn: one per
 * service URL (and audience) for the bot's app id. They are kept and shared here; each keeps its
 * credentials, which fetch and renew their own tokens. A client that could not be made is not kept.
 */
export class SharedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #connectors = new Map<string, Promise<ConnectorClient>>();
  readonly #tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<Authenticated> {
    const authenticated = await super.authenticateRequest(...args);
    const made = authenticated.connectorFactory;
    return made ? { ...authenticated, connectorFactory: this.#sharing(made, authenticated.claimsIdentity) } : authenticated;
  }

  override createConnectorFactory(claims: Claims): ConnectorFactory {
    return this.#sharing(super.createConnectorFactory(claims), claims);
  }

  #sharing(made: ConnectorFactory, claims: Claims): ConnectorFactory {
    const appId = appIdOf(claims);
    return { create: (serviceUrl, audience) => kept(this.#connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => made.create(serviceUrl, audience)) };
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokenClient> {
    return kept(this.#tokenClients, appIdOf(claims), () => super.createUserTokenClient(claims));
  }
}

/** The bot's app id as botbuilder reads it from a turn's claims: the token's audience, else its `appid` (the Emulator's). */
const appIdOf = (claims: Claims) => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

function kept<T>(clients: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= MOST_CLIENTS_KEPT) clients.clear();
    client = make();
    clients.set(key, client);
    client.catch(() => clients.get(key) === client && clients.delete(key));
  }
  return client;
}
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
  const auth = new SharedClientsAuthentication({
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
