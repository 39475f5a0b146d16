import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Slack's answer to a response URL that is not a 2xx (expired, used up, rate limited). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/**
 * Posts an answer to a Slack response URL (the reply to an `/ap` command, a button's card in
 * place). Plain Node HTTP with connections kept open: the work after an ack shares the event loop
 * with other people's acks, and `fetch` costs several times the CPU for the same request.
 */
export function postToResponseUrl(responseUrl: string, answer: object): Promise<void> {
  const body = JSON.stringify(answer);
  const url = new URL(responseUrl);
  const secure = url.protocol === 'https:';
  return new Promise((done, fail) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300 ? done() : fail(new ResponseUrlError(res.statusCode ?? 0))));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
