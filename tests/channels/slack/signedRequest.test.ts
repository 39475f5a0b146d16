import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_WINDOW_SECONDS, SignedRequestCheck } from '../../../src/adapters/slack/signedRequest.ts';

const SECRET = 'test-signing-secret';

function signedAt(seconds: number, body: string) {
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${seconds}:${body}`).digest('hex')}`;
  return { headers: { 'x-slack-request-timestamp': String(seconds), 'x-slack-signature': signature }, body: Buffer.from(body) };
}

describe("Slack's signature on a request", () => {
  it('lets each signed request through once, refuses it replayed within five minutes, and one signed too long ago', () => {
    let now = 1_800_000_000_000;
    const check = new SignedRequestCheck(SECRET, () => now);
    const request = signedAt(now / 1000, 'command=%2Fap&text=due');
    expect(check.refusal(request.headers, request.body)).toBeUndefined();
    now += 60_000;
    expect(check.refusal(request.headers, request.body)).toBe('replayed signature');
    now += SIGNATURE_WINDOW_SECONDS * 1000;
    expect(check.refusal(request.headers, request.body)).toBe('timestamp outside five minutes');
  });

  it('holds only the last five minutes of signatures however many arrive, some signed a few seconds out of order', () => {
    let now = 1_800_000_000_000;
    const check = new SignedRequestCheck(SECRET, () => now);
    let mostHeld = 0;
    // Twenty minutes of a busy morning: ten requests a second, clocks a few seconds apart.
    for (let i = 0; i < 12_000; i++) {
      now += 100;
      const stamp = Math.floor(now / 1000) - (i % 7);
      const request = signedAt(stamp, `command=%2Fap&text=due&n=${i}`);
      expect(check.refusal(request.headers, request.body)).toBeUndefined();
      mostHeld = Math.max(mostHeld, check.remembered);
    }
    // Five minutes at ten a second, and the few kept a little past their time behind an earlier one.
    expect(mostHeld).toBeLessThanOrEqual(SIGNATURE_WINDOW_SECONDS * 10 + 100);
    expect(mostHeld).toBeGreaterThanOrEqual(SIGNATURE_WINDOW_SECONDS * 10 - 100);
  });
});
