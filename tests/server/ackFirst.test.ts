import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { ackGate, whenAcked } from '../../src/adapters/ackFirst.ts';

/** A request on the server: waiting for its ack until `ack()`. */
function aRequest(gate: ReturnType<typeof ackGate>) {
  const res = new EventEmitter();
  gate.track(res as ServerResponse);
  return { ack: () => res.emit('finish'), dropped: () => res.emit('close') };
}

const started: string[] = [];
const work = (gate: ReturnType<typeof ackGate>, name: string) => gate.afterAcks().then(() => void started.push(name));

describe('acks before answers', () => {
  beforeEach(() => void (started.length = 0));

  it('work after an ack waits while another request waits for its ack, and starts once that ack has gone', async () => {
    const gate = ackGate(10_000);
    const other = aRequest(gate);
    const answered = work(gate, 'due list');
    await sleep(30);
    expect(started).toEqual([]);
    other.ack();
    await answered;
    expect(started).toEqual(['due list']);
  });

  it('starts at once (after the requests already read) when nobody is waiting', async () => {
    const gate = ackGate(10_000);
    aRequest(gate).ack();
    await work(gate, 'help');
    expect(started).toEqual(['help']);
  });

  it('an answer waits until no request has arrived for a moment: the rest of a crowd is acked first', async () => {
    const gate = ackGate(10_000, 40);
    aRequest(gate).ack();
    const at = performance.now();
    const answered = work(gate, 'due list');
    await sleep(20);
    expect(started).toEqual([]);
    aRequest(gate).ack(); // the crowd goes on asking: the quiet starts again
    await answered;
    expect(performance.now() - at).toBeGreaterThanOrEqual(55);
    expect(started).toEqual(['due list']);
  });

  it('a request whose caller hung up waits no longer, and counts once', async () => {
    const gate = ackGate(10_000);
    const gone = aRequest(gate);
    const waiting = aRequest(gate);
    const answered = work(gate, 'status');
    gone.dropped();
    gone.ack();
    await sleep(30);
    expect(started).toEqual([]);
    waiting.ack();
    await answered;
    expect(started).toEqual(['status']);
  });

  it('a steady stream of requests never starves the answers: each starts within its longest wait, in the order asked', async () => {
    const gate = ackGate(60);
    aRequest(gate); // never acked: the server always has someone waiting
    const at = performance.now();
    await Promise.all([work(gate, 'first'), work(gate, 'second')]);
    expect(performance.now() - at).toBeGreaterThanOrEqual(55);
    expect(started).toEqual(['first', 'second']);
  });

  it('answers start one at a time, each after the event loop has taken in what arrived meanwhile', async () => {
    const gate = ackGate(10_000);
    const first = work(gate, 'first').then(() => {
      // A request that arrives while the first answer is worked out holds back the second.
      late = aRequest(gate);
    });
    let late: ReturnType<typeof aRequest> | undefined;
    const second = work(gate, 'second');
    await first;
    await sleep(30);
    expect(started).toEqual(['first']);
    late?.ack();
    await second;
    expect(started).toEqual(['first', 'second']);
  });

  it('work handed over at an ack starts once the acks have gone, apart from the request; what it lets through is logged, not thrown', async () => {
    const gate = ackGate(10_000, 0);
    const other = aRequest(gate);
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }) };
    let ran!: () => void;
    const running = new Promise<void>((resolve) => (ran = resolve));
    whenAcked({ afterAcks: gate.afterAcks, log }, 'slack', async () => {
      started.push('answer');
      ran();
      throw new TypeError('the answer could not be drawn');
    });
    await sleep(30);
    expect(started).toEqual([]);
    other.ack();
    await running;
    await sleep(0);
    expect(started).toEqual(['answer']);
    expect(logged).toEqual([{ fields: { component: 'slack', err: 'TypeError' }, message: 'work after an ack failed' }]);
  });
});
