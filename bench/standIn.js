/* global process, console */
// The far end of the bot's answers for `npm run bench:http`: Slack's Web API, every response URL
// and the Bot Framework connector, answered at once, in a process of its own as Slack's and
// Microsoft's servers are (in the bench's own process, a burst of answers arriving would hold up
// its timing of the requests). Each answer names the request it answers by its number; the time it
// arrives is noted by the wall clock, to the microsecond, which the bench reads as it noted each
// request's sending, to time the answers. The bench reads what arrived from `GET /bench/arrived`.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const arrived = { slackDueLists: 0, slackSnoozes: 0, teamsDueCards: 0, lastTeamsActivity: '', answers: [] };
const arrival = (n) => arrived.answers.push([Number(n), performance.timeOrigin + performance.now()]);
const reply = JSON.stringify({ ok: true, id: 'activity-1', user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0DEMO0001', channel: 'D0BENCH', ts: '1.1' });

const server = createServer((req, res) => {
  if (req.url === '/bench/arrived') {
    res.setHeader('content-type', 'application/json').end(JSON.stringify(arrived));
    if (req.method === 'DELETE') Object.assign(arrived, { answers: [], lastTeamsActivity: '' });
    return;
  }
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    // A due list or a done card, not an error, is what the bot must send back.
    const respond = /^\/respond\/(\d+)$/.exec(req.url ?? '');
    if (respond) {
      arrival(respond[1]);
      if (body.includes('Y9-0412') && body.includes('showReminder')) arrived.slackDueLists++;
      if (body.includes('snoozed the reminder')) arrived.slackSnoozes++;
    }
    if (req.url?.startsWith('/v3/conversations/')) {
      // A reply names the activity it answers.
      const replyTo = /\/activities\/bench-(\d+)$/.exec(req.url);
      if (replyTo) arrival(replyTo[1]);
      arrived.lastTeamsActivity = body;
      if (body.includes('Y9-0412')) arrived.teamsDueCards++;
    }
    res.setHeader('content-type', 'application/json').end(reply);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
