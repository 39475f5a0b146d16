import { createHmac, timingSafeEqual } from 'node:crypto';
import { actorFor, type Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';

/** A link to the register is good for this long after it is made. */
export const LINK_LIFETIME_MS = 15 * 60 * 1000;

interface LinkClaims {
  /** staff id */
  s: string;
  /** school id */
  c: string;
  /** expiry, epoch milliseconds */
  e: number;
}

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

/** A token naming a member of staff and their school, valid for 15 minutes from `now`: `<claims>.<hmac>`. */
export function signLink(secret: string, staffId: string, schoolId: string, now: Date): string {
  const claims: LinkClaims = { s: staffId, c: schoolId, e: now.getTime() + LINK_LIFETIME_MS };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

const refused = () => new AppError(ErrorCode.NotAllowed, 'This link is not valid or has run out. Ask the bot for a new one: type "register".');

/**
 * Who a token names, in which school, if its signature holds, it has not run out, and that person
 * is still on that school's staff. Any other token gets the same refusal, so it tells nothing.
 */
export function verifyLink(secret: string, token: string | null | undefined, schools: readonly School[], now: Date): { school: School; actor: Actor; expiresAt: Date } {
  const [body, signature, extra] = (token ?? '').split('.');
  if (!body || !signature || extra !== undefined) throw refused();
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused();
  let claims: Partial<LinkClaims>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<LinkClaims>;
  } catch {
    throw refused();
  }
  if (typeof claims.e !== 'number' || typeof claims.s !== 'string' || typeof claims.c !== 'string' || claims.e <= now.getTime()) throw refused();
  const school = schools.find((s) => s.id === claims.c);
  const actor = school && actorFor(school, claims.s);
  if (!school || !actor) throw refused();
  return { school, actor, expiresAt: new Date(claims.e) };
}

/** The register's address for a member of staff (or another of its pages: `/register/trust`), signed for 15 minutes from `now`. */
export function registerUrl(baseUrl: string, secret: string, staffId: string, schoolId: string, now: Date, path = '/register'): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}?t=${signLink(secret, staffId, schoolId, now)}`;
}
