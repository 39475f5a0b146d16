import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { RequestHandler } from '../../ports/chatAdapter.ts';

/** Slack's own payloads stay well under this; anything larger is not from Slack. */
export const MAX_BODY_BYTES = 256 * 1024;

class TooLarge extends Error {}

/**
 * `/slack/events` on the bot's server. The body is read here with a size cap (Bolt would read any
 * size), then Bolt's HTTP receiver verifies the signature and its age (401 otherwise), answers the
 * URL check, and acks.
 */
export function slackEventsRoute(receiver: HTTPReceiver): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405);
    try {
      // Bolt reads `rawBody` when it is already there instead of the stream.
      (req as IncomingMessage & { rawBody: Buffer }).rawBody = await readBody(req);
    } catch (error) {
      reply(res, error instanceof TooLarge ? 413 : 400);
      req.resume();
      return;
    }
    receiver.requestListener(req, res);
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status, status === 405 ? { allow: 'POST', connection: 'close' } : { connection: 'close' });
  res.end();
}
