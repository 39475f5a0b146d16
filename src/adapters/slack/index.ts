import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import webApi, { type WebClient as WebClientType, type WebClientOptions } from '@slack/web-api';
import type { ChatAdapter, ChatDeps } from '../../ports/chatAdapter.ts';
import { boltLogger } from './boltLogger.ts';
import { slackNudgeChannel } from './slackNudgeChannel.ts';
import { registerApCommand } from './commands/index.ts';
import type { SlackContext } from './context.ts';
import { publishHome } from './home.ts';
import { slackEventsRoute } from './httpRoute.ts';
import { whenAcked } from '../ackFirst.ts';
import { SignedRequestCheck } from './signedRequest.ts';
import { registerActions } from './interactions/actions.ts';
import { registerSubmissions } from './interactions/submissions.ts';
import { registerDirectMessages } from './directMessages.ts';
import { HeldImports } from '../../app/chatImport.ts';

// @slack/web-api is CommonJS; Node's ESM loader cannot see every named export, so take them from the default.
const { retryPolicies, WebClient } = webApi;

export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  /** Set: Socket Mode (no public URL); unset: HTTP on `/slack/events`. */
  appToken?: string;
  /** The Web API base, for GovSlack or a test server; Slack's own by default. */
  apiUrl?: string;
  /** How often the web client retries a failed call (after a 429 it waits the Retry-After first). */
  retries?: number;
}

/**
 * Slack through Bolt: `/ap`, card buttons and modals recorded through the decision use cases,
 * App Home, and nudges as direct messages. Over HTTP it contributes the `/slack/events` route
 * (signatures always checked); with an app token it connects by Socket Mode on `start()`.
 */
export function createSlack(deps: ChatDeps & { slack: SlackSettings }): ChatAdapter {
  const { slack } = deps;
  const logger = boltLogger(deps.log);
  const retryConfig = slack.retries === undefined ? retryPolicies.fiveRetriesInFiveMinutes : { retries: slack.retries, factor: 1, minTimeout: 0, maxTimeout: 0 };
  const clientOptions: WebClientOptions = { slackApiUrl: withSlash(slack.apiUrl ?? 'https://slack.com/api/'), logger, retryConfig };

  const receiver: Receiver = slack.appToken
    ? new SocketModeReceiver({ appToken: slack.appToken, logger, installerOptions: { clientOptions } })
    : // The route checks every signature (and refuses replays) before Bolt sees the request: once is enough.
      new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events', logger, processBeforeResponse: false, signatureVerification: false });
  const client = new WebClient(slack.botToken, clientOptions);
  // No conversation store: nothing reads Bolt's per-conversation state, and it costs every request.
  const app = new App({ authorize: botAuthorization(client, slack.botToken), receiver, logger, clientOptions, convoStore: false });

  // Nudges wait for the deliverer's pacing on a 429 instead of inside the client.
  const channel = slackNudgeChannel(deps, new WebClient(slack.botToken, { ...clientOptions, rejectRateLimitedCalls: true }));
  const ctx: SlackContext = { ...deps, client, channel, held: new HeldImports() };

  registerApCommand(app, ctx);
  registerActions(app, ctx);
  registerSubmissions(app, ctx);
  registerDirectMessages(app, ctx, slack.botToken);
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    whenAcked(ctx, 'slack', () =>
      publishHome(ctx, event.user, body.team_id).catch((error: unknown) => deps.log.warn({ component: 'slack', error: (error as Error).message }, 'could not publish App Home')),
    );
  });
  app.error(async (error) => {
    deps.log.error({ component: 'slack', code: error.code }, 'Bolt could not process a Slack request');
    // Rethrown so the receiver answers Slack as Bolt would (401 when the bot could not authorize).
    throw error;
  });

  if (receiver instanceof HTTPReceiver) return { name: 'slack', routes: { '/slack/events': slackEventsRoute(receiver, new SignedRequestCheck(slack.signingSecret), deps.log) }, channel };
  return {
    name: 'slack',
    routes: {},
    channel,
    start: async () => {
      await app.start();
    },
    stop: async () => {
      await app.stop();
    },
  };
}

/**
 * The bot's own ids, asked of Slack once when the first request comes and kept. Bolt's built-in
 * single-token mode asks at construction and keeps a failure for good, so a Slack outage while the
 * bot starts would leave it deaf until restarted.
 */
function botAuthorization(client: WebClientType, botToken: string) {
  let ids: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    ids ??= client.auth.test().then((r) => ({ botId: r.bot_id, botUserId: r.user_id }));
    try {
      return { botToken, ...(await ids) };
    } catch (error) {
      ids = undefined;
      throw error;
    }
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
