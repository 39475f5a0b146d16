import type { ServerResponse } from 'node:http';
import type { ChatDeps } from '../ports/chatAdapter.ts';

/** However busy the server, an answer waits at most this long behind other people's acks. */
export const MAX_ANSWER_WAIT_MS = 1_000;

/**
 * How long no request must have arrived before an answer starts. A crowd's requests come
 * milliseconds apart: an answer started in such a gap (a due list is a few hundred microseconds of
 * work, and its post) would hold up the acks of the next few. Someone asking alone waits this much
 * longer for an answer nobody would notice.
 */
export const QUIET_MS = 10;

/**
 * Acks before answers, across the whole server. Every request counts as waiting from its arrival
 * until its response has left; work deferred with `afterAcks()` starts only when no request is
 * waiting and none has arrived for `quietMs` (one piece of work at a time, each after the event
 * loop has taken in what arrived meanwhile), or once it has waited `maxWaitMs`, so a steady stream
 * of requests cannot starve it. When a crowd asks at once, every ack goes out first and the
 * answers follow.
 */
export interface AckGate {
  /** Counts one request as waiting until its response has been sent (or its socket has closed). */
  track(res: ServerResponse): void;
  /** Resolves when the work after an ack may start. */
  afterAcks(): Promise<void>;
}

export function ackGate(maxWaitMs = MAX_ANSWER_WAIT_MS, quietMs = QUIET_MS, now: () => number = () => performance.now()): AckGate {
  let waiting = 0;
  let lastArrival = -Infinity;
  const queue: { start: () => void; since: number }[] = [];
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;

  // After a setImmediate: the poll phase has read whatever arrived, so `waiting` is up to date.
  const pump = () => {
    scheduled = false;
    const head = queue[0];
    if (!head) return;
    const at = now();
    const overdue = at - head.since >= maxWaitMs;
    const quietFor = at - lastArrival;
    if ((waiting === 0 && quietFor >= quietMs) || overdue) {
      queue.shift();
      head.start();
      schedule();
      return;
    }
    // Woken by the last ack leaving, by the quiet it waits for, or by the head's deadline.
    clearTimeout(timer);
    const deadline = head.since + maxWaitMs - at;
    timer = setTimeout(schedule, Math.max(0, waiting === 0 ? Math.min(quietMs - quietFor, deadline) : deadline));
    timer.unref();
  };
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(pump);
  };

  return {
    track(res) {
      waiting++;
      lastArrival = now();
      let counted = true;
      const sent = () => {
        if (!counted) return;
        counted = false;
        waiting--;
        if (waiting === 0) schedule();
      };
      res.once('finish', sent);
      res.once('close', sent);
    },
    afterAcks() {
      return new Promise<void>((start) => {
        queue.push({ start, since: now() });
        schedule();
      });
    },
  };
}

/** Without a server to watch (a test's own route): the work waits one turn of the event loop, after the requests already read. */
export const nextTurn = (): Promise<void> => new Promise((start) => setImmediate(start));

/**
 * Called straight after an ack: the work waits until no request on the bot's server is waiting for
 * its ack, so nobody's ack queues behind someone else's answer. Without the bot's server (a test's
 * own route) it waits one turn of the event loop.
 */
export function afterAck(deps: Pick<ChatDeps, 'afterAcks'>): Promise<void> {
  return (deps.afterAcks ?? nextTurn)();
}

/**
 * Runs `work` once the acks have gone (see `afterAck`), apart from the request that asked for it:
 * the framework's handling of that request ends with its ack, so the request, its response and
 * what the framework kept for them are let go then, not held until the answer has been sent (a
 * crowd's waiting answers would otherwise weigh on every collection until they had all gone).
 * `work` answers its own failures; anything it lets through is logged.
 */
export function whenAcked(deps: Pick<ChatDeps, 'afterAcks' | 'log'>, what: string, work: () => Promise<void>): void {
  afterAck(deps)
    .then(work)
    .catch((error: unknown) => deps.log.error({ component: what, err: error instanceof Error ? error.name : String(error) }, 'work after an ack failed'));
}
