import { nextTurn } from '../ackFirst.ts';
import type { ChatDeps } from '../../ports/chatAdapter.ts';

/**
 * Called straight after `ack()`: the work waits until no request on the bot's server is waiting
 * for its ack (see ackFirst.ts), so nobody's ack queues behind someone else's due list. Without
 * the bot's server (a test's own route) it waits one turn of the event loop.
 */
export function afterAck(ctx: Pick<ChatDeps, 'afterAcks'>): Promise<void> {
  return (ctx.afterAcks ?? nextTurn)();
}
