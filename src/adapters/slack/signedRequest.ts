import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's own rule: a signed request more than five minutes from now, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/**
 * Checks a request's Slack signature, that its timestamp is within five minutes of now on either
 * side (Bolt checks only the past), and that the same signature was not seen in the last five
 * minutes, so signed bytes cannot be replayed. Only verified signatures are remembered, so a
 * forger cannot fill the memory or block a real request in advance.
 */
export class SignedRequestCheck {
  readonly #secret: string;
  readonly #now: () => number;
  /** Signature to the second it may be forgotten, oldest first. */
  readonly #seen = new Map<string, number>();

  constructor(signingSecret: string, nowMs: () => number = Date.now) {
    this.#secret = signingSecret;
    this.#now = nowMs;
  }

  /** Why the request is refused, or undefined when it is Slack's, fresh and new. */
  refusal(headers: IncomingHttpHeaders, body: Buffer): string | undefined {
    const stamp = headers['x-slack-request-timestamp'];
    const signature = headers['x-slack-signature'];
    if (typeof stamp !== 'string' || !/^\d{1,12}$/.test(stamp) || typeof signature !== 'string') return 'unsigned';
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (Math.abs(nowSeconds - Number(stamp)) > SIGNATURE_WINDOW_SECONDS) return 'timestamp outside five minutes';
    const expected = Buffer.from(`v0=${createHmac('sha256', this.#secret).update(`v0:${stamp}:`).update(body).digest('hex')}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
    this.#forgetBefore(nowSeconds);
    if (this.#seen.has(signature)) return 'replayed signature';
    // Kept until the timestamp itself could no longer pass, whichever side of now it was on.
    this.#seen.set(signature, Number(stamp) + SIGNATURE_WINDOW_SECONDS);
    return undefined;
  }

  // Signatures are kept in the order they arrived, which is about the order they expire: forgetting
  // stops at the first still kept, so each request costs what has expired since, not everything seen
  // in five minutes. One kept a little past its time can never match: its timestamp no longer passes.
  /** How many signatures are held now (each for five minutes). */
  get remembered(): number {
    return this.#seen.size;
  }

  #forgetBefore(nowSeconds: number): void {
    for (const [signature, until] of this.#seen) {
      if (until >= nowSeconds) return;
      this.#seen.delete(signature);
    }
  }
}
