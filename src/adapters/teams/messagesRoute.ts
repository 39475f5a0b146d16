import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Log, RequestHandler } from '../../ports/chatAdapter.ts';
import type { TeamsAdapter } from './botAdapter.ts';
import type { TurnsUnderWay } from './turnsUnderWay.ts';

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
  // botbuilder reads each entity's type, and a mention's `mentioned.id` and text, outside any error handling of ours.
  entities: z.array(z.looseObject({ type: z.string().max(100), mentioned: account.optional(), text: z.string().max(1000).optional() })).max(100).optional(),
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

/** How the route runs turns: after other requests' acks, and counted until each has finished. */
export interface TurnPacing {
  afterAcks: () => Promise<void>;
  underWay: TurnsUnderWay;
}

/**
 * `POST /api/messages` on a plain Node server: reads the activity (size-capped, JSON only), checks
 * its Bot Framework token, and hands it to the adapter, which runs the turn. Every authentication
 * failure (no token, a forged or unsigned one, one not yet valid or for another bot) is a 401 with
 * no body and one warning line; botbuilder's own handling would answer some with a 500 quoting the
 * error, and print a stack trace for each. A message is acknowledged as soon as botbuilder has
 * opened its turn (its replies go to the connector, not in this response), and the turn runs after
 * the acks: a slow answer never holds up the connector. An invoke's answer is its response, so an
 * invoke (and a message that asks for its replies in the response) is answered when its turn ends.
 */
export function messagesRoute(adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>, log: Log, pacing: TurnPacing): RequestHandler {
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
    const activity = withDates(body as Activity);

    const header = req.headers.authorization ?? '';
    let authenticated: Awaited<ReturnType<TeamsAdapter['authenticate']>>;
    try {
      authenticated = await adapter.authenticate(activity, header);
    } catch (error) {
      log.warn({ component: 'teams', reason: error instanceof Error ? error.name : 'unknown' }, 'refused a Teams request that is not authenticated');
      return reply(res, 401);
    }
    const rejected = (error: unknown) => {
      // botbuilder validates the activity's shape with zod and throws on a wrong type.
      log.warn({ component: 'teams', error: error instanceof Error ? error.name : 'unknown' }, 'Teams activity rejected');
      reply(res, 400, 'Malformed activity');
    };
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === DeliveryModes.ExpectReplies) {
      try {
        const invoke = await adapter.run(authenticated, activity, logic);
        reply(res, invoke?.status ?? 200, invoke?.body);
      } catch (error) {
        rejected(error);
      }
      return;
    }
    let opened!: () => void;
    const ready = new Promise<void>((resolve) => (opened = resolve));
    const turn = adapter.run(authenticated, activity, async (context) => {
      opened();
      await pacing.afterAcks();
      await logic(context);
    });
    try {
      // Everything botbuilder checks before the turn (the connector for its service URL) is checked by now.
      await Promise.race([ready, turn]);
    } catch (error) {
      return rejected(error);
    }
    reply(res, 200);
    // A failure inside the turn has already been told to the user by the adapter's turn-error handler.
    pacing.underWay.add(turn.then(() => undefined, (error: unknown) => log.error({ component: 'teams', error: error instanceof Error ? error.name : 'unknown' }, 'Teams turn failed after its ack')));
  };
}

/** Timestamps as Dates, as botbuilder's own request handling leaves them for the turn. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const)
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field]);
    }
  return activity;
}
