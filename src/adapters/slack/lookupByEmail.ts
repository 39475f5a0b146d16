import { WebClient, type WebAPICallError } from '@slack/web-api';
import type { SlackLookup } from '../../app/staffReach.ts';

/** Slack's `users.lookupByEmail` (scope `users:read.email`): nobody with that email is `users_not_found`. */
export function slackLookupByEmail(botToken: string, apiUrl: string | undefined): SlackLookup {
  const client = new WebClient(botToken, { slackApiUrl: apiUrl ? apiUrl.replace(/\/?$/, '/') : 'https://slack.com/api/', retryConfig: { retries: 2 } });
  return async (email) => {
    try {
      const result = await client.users.lookupByEmail({ email });
      return result.user?.deleted ? undefined : result.user?.id;
    } catch (error) {
      if ((error as WebAPICallError & { data?: { error?: string } }).data?.error === 'users_not_found') return undefined;
      throw error;
    }
  };
}
