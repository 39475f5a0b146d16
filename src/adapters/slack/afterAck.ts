import { setImmediate } from 'node:timers/promises';

/**
 * Called straight after `ack()`: the work waits until the event loop has taken in what is waiting
 * on the sockets (other people's requests, to be acked in turn), so no ack queues behind someone
 * else's due list.
 */
export function afterAck(): Promise<void> {
  return setImmediate();
}
