/* global process, console */
// The bare frameworks for `npm run bench:http`, in one process as the bot hosts both: a Bolt app on
// its HTTP receiver whose `/ap` and buttons only ack, and a botbuilder CloudAdapter (no app id, as
// the bot's demo runs) whose invoke returns a one-line card and whose message gets a one-line reply.
import { createServer } from 'node:http';
import bolt from '@slack/bolt';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const { App, HTTPReceiver } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false });
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bare', botId: 'BBARE', botUserId: 'UBARE' }) });
app.command('/ap', async ({ ack }) => {
  await ack();
});
app.action({ type: 'block_actions' }, async ({ ack }) => {
  await ack();
});

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }));
const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Done.' }] };
const logic = async (context) => {
  if (context.activity.type === ActivityTypes.Invoke)
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
  else if (context.activity.type === ActivityTypes.Message) await context.sendActivity('Nothing is due.');
};

/** Node's request and response in the restify/express shapes CloudAdapter.process reads. */
function teams(req, res) {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const request = { method: req.method, headers: req.headers, body: JSON.parse(body) };
    const response = {
      socket: res.socket,
      header: (name, value) => res.setHeader(name, value),
      status: (code) => void (res.statusCode = code),
      send: (data) => (data === undefined ? res.end() : res.setHeader('content-type', 'application/json').end(typeof data === 'string' ? data : JSON.stringify(data))),
      end: () => res.end(),
    };
    adapter.process(request, response, logic).catch(() => !res.headersSent && res.writeHead(500).end());
  });
}

const server = createServer((req, res) => {
  if (req.url === '/slack/events') return receiver.requestListener(req, res);
  if (req.url === '/api/messages') return teams(req, res);
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
