/* global process, console */
// The bare framework for `npm run bench:http`: a Bolt app on its HTTP receiver whose /ap only acks.
import bolt from '@slack/bolt';

const { App, HTTPReceiver } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bare', botId: 'BBARE', botUserId: 'UBARE' }) });
app.command('/ap', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
console.log('ready');
