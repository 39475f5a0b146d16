import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode } from '../../core/errors.ts';

/** The Entra app the Teams tab asks a token for: its id, and the resource it exposes (`api://<host>/<app id>`). */
export interface TeamsSso {
  appId: string;
  resource: string;
}

/** Entra's signing keys, the same for every tenant. */
const ENTRA_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

const notProven = () => new AppError(ErrorCode.NotAllowed, 'Teams could not prove who you are, so the register stays closed. Open it from your chat with apbot instead: type register.');

/** jose loads on the first sign-in from the tab, not at start; its key set keeps Entra's keys once fetched. */
let keys: JWTVerifyGetKey | undefined;
async function entraKeys(): Promise<JWTVerifyGetKey> {
  keys ??= (await import('jose')).createRemoteJWKSet(new URL(ENTRA_KEYS_URL));
  return keys;
}

/**
 * The Teams account a tab's single sign-on token names, once Entra's signature holds, it was made
 * for this app (v1 tokens name the resource, v2 the app id), it has not run out, and it comes from
 * a tenant one of the schools uses, issued by that tenant. Anything else is the same refusal.
 */
export async function teamsAccountOf(token: string, sso: TeamsSso, tenants: ReadonlySet<string>): Promise<{ aadObjectId: string; tenantId: string }> {
  const { jwtVerify } = await import('jose');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, await entraKeys(), { audience: [sso.resource, sso.appId], algorithms: ['RS256'] }));
  } catch {
    throw notProven();
  }
  const { tid, oid, iss } = claims as { tid?: unknown; oid?: unknown; iss?: unknown };
  if (typeof tid !== 'string' || typeof oid !== 'string') throw notProven();
  if (iss !== `https://login.microsoftonline.com/${tid}/v2.0` && iss !== `https://sts.windows.net/${tid}/`) throw notProven();
  if (!tenants.has(tid)) throw new AppError(ErrorCode.NotAllowed, 'Your Teams organisation is not one of the schools apbot serves here, so the register stays closed.');
  return { aadObjectId: oid, tenantId: tid };
}
