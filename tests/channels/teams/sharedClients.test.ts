import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { SharedClientsAuthentication } from '../../../src/adapters/teams/botAdapter.ts';

// botbuilder asks for a connector client and a user-token client on every turn; the bot keeps one
// of each per service URL and audience, instead of building a new HTTP pipeline for every press.
describe('the Bot Framework clients a turn uses', () => {
  const auth = new SharedClientsAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
  const activity = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', from: { id: '29:a' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' } } as Activity;
  const claims = async () => (await auth.authenticateRequest(activity, '')).claimsIdentity;

  it('are made once for each service URL and audience, and shared by every turn after', async () => {
    const turn = await auth.authenticateRequest(activity, '');
    const forTurn = await turn.connectorFactory!.create(activity.serviceUrl, turn.audience);
    expect(await (await auth.authenticateRequest(activity, '')).connectorFactory!.create(activity.serviceUrl, turn.audience)).toBe(forTurn);
    const first = await auth.createConnectorFactory(await claims()).create('https://smba.trafficmanager.net/uk/', 'https://api.botframework.com');
    const again = await auth.createConnectorFactory(await claims()).create('https://smba.trafficmanager.net/uk/', 'https://api.botframework.com');
    const elsewhere = await auth.createConnectorFactory(await claims()).create('https://smba.trafficmanager.net/emea/', 'https://api.botframework.com');
    expect(again).toBe(first);
    expect(elsewhere).not.toBe(first);
    expect(elsewhere.conversations).toBeDefined();
    expect(await auth.createUserTokenClient(await claims())).toBe(await auth.createUserTokenClient(await claims()));
  });
});
