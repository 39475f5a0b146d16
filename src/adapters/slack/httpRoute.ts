import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Log, RequestHandler } from '../../ports/chatAdapter.ts';
import type { SignedRequestCheck } from './signedRequest.ts';
import { isSlackPayload } from './slackPayload.ts';

/** Slack's own payloads stay well under this; anything larger is not from Slack. */
export const MAX_BODY_BYTES = 256 * 1024;

class TooLarge extends Error {}

/**
 * `/slack/events` on the bot's server. The body is read here with a size cap (Bolt would read any
 * size); its signature, age (five minutes either way) and novelty are checked (401 otherwise, with
 * one warning line), and anything that is not a Slack payload gets a 400. Only then does Bolt's
 * HTTP receiver see it: it answers the URL check and acks.
 */
export function slackEventsRoute(receiver: HTTPReceiver, signed: SignedRequestCheck, log: Log): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      reply(res, error instanceof TooLarge ? 413 : 400);
      req.resume();
      return;
    }
    const refusal = signed.refusal(req.headers, body);
    if (refusal) {
      log.warn({ component: 'slack', reason: refusal }, 'refused a Slack request that is not verified');
      return reply(res, 401);
    }
    if (!isSlackPayload(body, req.headers['content-type'])) {
      log.warn({ component: 'slack' }, 'refused a signed Slack request whose body is not a Slack payload');
      return reply(res, 400);
    }
    // Bolt reads `rawBody` when it is already there instead of the stream.
    (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
    receiver.requestListener(req, res);
  };
}

/** The body, read by events rather than an async iterator: the same bytes for less CPU on the ack's path. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.reject(new TooLarge());
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      fail(new TooLarge());
    };
    req.on('data', onData);
    req.once('end', () => done(Buffer.concat(chunks, size)));
    req.once('error', fail);
  });
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status, status === 405 ? { allow: 'POST', connection: 'close' } : { connection: 'close' });
  res.end();
}
