import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Log, RequestHandler } from '../../ports/chatAdapter.ts';

/** Teams caps a message at about 100 KB; anything much larger is not from Teams. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

const account = z.looseObject({ id: z.string().max(1000) });

/** The parts of an activity the bot reads; the rest is botbuilder's to check. */
const activityShape = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().max(1000).optional(),
  text: z.string().optional(),
  serviceUrl: z.string().max(2000).optional(),
  from: account.optional(),
  recipient: account.optional(),
  conversation: account.optional(),
});

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ACTIVITY_BYTES) throw new BodyError(413, 'Activity too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'Body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' }).end(text);
}

/**
 * `POST /api/messages` on a plain Node server: reads the activity (size-capped, JSON only) and hands
 * it to the Bot Framework adapter, which authenticates it and runs the turn.
 */
export function messagesRoute(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>, log: Log): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'POST') return reply(res, 405);
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      if (error instanceof BodyError) return reply(res, error.status, error.message);
      throw error;
    }
    if (!activityShape.safeParse(body).success) return reply(res, 400, 'Body is not an activity');

    let status = 200;
    let sent: unknown;
    const response = {
      socket: req.socket,
      status: (code: number) => {
        status = code;
      },
      header: () => undefined,
      send: (value: unknown) => {
        sent = value;
      },
      end: () => reply(res, status, sent),
    };
    try {
      await adapter.process({ body: body as Record<string, unknown>, headers: req.headers, method: req.method }, response, logic);
    } catch (error) {
      // botbuilder validates the activity's shape with zod and throws on a wrong type.
      log.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'Teams activity rejected');
      reply(res, 400, 'Malformed activity');
    }
  };
}
