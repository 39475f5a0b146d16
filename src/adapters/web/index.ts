import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditCsv, auditTrailFor } from '../../app/auditExport.ts';
import { chronologyFor } from '../../app/chronology.ts';
import { termlyReportFor } from '../../app/termlyReport.ts';
import { reportFileName } from '../../views/termlyReport.ts';
import { readsTrustReport, trustReportFor } from '../../app/trustReport.ts';
import { registerFor } from '../../app/register.ts';
import { verifyLink } from '../../app/signedLinks.ts';
import { ErrorCode, isAppError } from '../../core/errors.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import type { Actor } from '../../core/decisions/decision.ts';
import type { Log, RequestHandler } from '../../ports/chatAdapter.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Stores } from '../../ports/stores.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { chronologyPage } from './chronologyPage.ts';
import { registerCountsPage, registerPage, type Links } from './registerPage.ts';
import { teamsTabPage } from './teamsTabPage.ts';

export interface WebDeps {
  stores: Stores;
  schools: readonly School[];
  /** The school's clock: what is due, and the attendance so far. */
  clock: Clock;
  /** Real time, for when a link runs out (the demo clock runs in 2026 whatever the date). */
  linkClock: Clock;
  log: Log;
  secret: string;
  /** The Teams bot's app id, for the personal tab's link to the chat; unset without Teams credentials. */
  teamsBotId: string | undefined;
}

/** What a page is given once its link is checked. */
export interface PageRequest {
  school: School;
  actor: Actor;
  query: Record<string, string | undefined>;
  links: Links;
  now: Date;
}

export interface PageResponse {
  status?: number;
  type: string;
  body: string | Uint8Array;
  /** Offered as a download with this file name. */
  filename?: string;
}

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // Teams shows the register in a personal tab: only Teams may frame it.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
};

const STATUS_OF: Partial<Record<string, number>> = { [ErrorCode.NotAllowed]: 403, [ErrorCode.NotFound]: 404 };

function send(res: ServerResponse, response: PageResponse): void {
  const headers: Record<string, string> = { ...HEADERS, 'content-type': response.type };
  if (response.filename) headers['content-disposition'] = `attachment; filename="${response.filename}"`;
  res.writeHead(response.status ?? 200, headers).end(response.body);
}

const problemPage = (status: number, message: string): PageResponse => ({
  status,
  type: 'text/html; charset=utf-8',
  body: page(status === 403 ? 'Not available' : 'Something is not right', html`<p>${message}</p>`),
});

function linksFor(token: string): Links {
  return {
    token,
    to(path, params = {}) {
      const search = new URLSearchParams({ t: token });
      for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
      return `${path}?${search.toString()}`;
    },
  };
}

/**
 * A page behind a signed link: a GET whose token names a member of staff of a school and has not
 * run out. Anything else is refused with the same 403 and nothing of the school shown.
 */
function signedPage(deps: WebDeps, render: (request: PageRequest) => Promise<PageResponse>): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return send(res, problemPage(405, 'Only GET is allowed here.'));
    const url = new URL(req.url ?? '/', 'http://register');
    const query = Object.fromEntries([...url.searchParams.entries()].filter(([key]) => key !== 't'));
    const token = url.searchParams.get('t');
    try {
      const { school, actor } = verifyLink(deps.secret, token, deps.schools, deps.linkClock.now());
      // A link opens its own school only.
      if (query['school'] !== undefined && query['school'] !== school.id) return send(res, problemPage(403, 'This link is for another school.'));
      delete query['school'];
      send(res, await render({ school, actor, query, links: linksFor(token as string), now: deps.clock.now() }));
    } catch (error) {
      if (isAppError(error) && error.isUserError) return send(res, problemPage(STATUS_OF[error.code] ?? 400, error.message));
      throw error;
    }
  };
}

const HTML = 'text/html; charset=utf-8';

// pdfkit and Vega load on the first PDF or report asked for, not at start: the bot starts as fast as before.
const pdfs = () => import('./pdf.ts');

/** The register, a pupil's chronology, the audit trail and the termly report, each behind a signed link. */
export function createWeb(deps: WebDeps): Record<string, RequestHandler> {
  return {
    '/register': signedPage(deps, async ({ school, actor, query, links, now }) => {
      const view = await registerFor(deps.stores, school, actor, now, query);
      const acrossTrust = readsTrustReport(deps.schools, school, actor);
      return { type: HTML, body: view.view === 'register' ? registerPage(view, links, acrossTrust) : registerCountsPage(view, links, acrossTrust) };
    }),
    '/register/audit.csv': signedPage(deps, async ({ school, actor, query, now }) => {
      const { entries, from, to } = await auditTrailFor(deps.stores.audit, school, actor, now, query['from'], query['to']);
      return { type: 'text/csv; charset=utf-8', body: auditCsv(entries), filename: `audit-${school.id}-${from}-to-${to}.csv` };
    }),
    '/register/report': signedPage(deps, async ({ school, actor, query, links, now }) => {
      const view = await termlyReportFor(deps.stores, school, actor, query['term'], now);
      const acrossTrust = readsTrustReport(deps.schools, school, actor);
      return { type: HTML, body: await (await import('./reportPage.ts')).reportPage(view, links, acrossTrust) };
    }),
    '/register/report.pdf': signedPage(deps, async ({ school, actor, query, now }) => {
      const view = await termlyReportFor(deps.stores, school, actor, query['term'], now);
      return { type: 'application/pdf', body: await (await pdfs()).reportPdf(view), filename: reportFileName(school.id, view.term) };
    }),
    '/register/trust': signedPage(deps, async ({ school, actor, query, links, now }) => {
      const view = await trustReportFor(deps.stores, deps.schools, school, actor, query['term'], now);
      return { type: HTML, body: await (await import('./reportPage.ts')).trustReportPage(view, links) };
    }),
    '/register/trust.pdf': signedPage(deps, async ({ school, actor, query, now }) => {
      const view = await trustReportFor(deps.stores, deps.schools, school, actor, query['term'], now);
      return { type: 'application/pdf', body: await (await pdfs()).trustReportPdf(view), filename: reportFileName('trust', view.term) };
    }),
    // The Teams personal tab: Teams does not say who is looking without single sign-on, so it
    // shows nothing of the school and sends the person to their chat for a link of their own.
    '/register/tab': (_req, res) => send(res, { type: HTML, body: teamsTabPage(deps.teamsBotId) }),
    '/register/pupil': signedPage(deps, async ({ school, actor, query, links, now }) => {
      const view = await chronologyFor(deps.stores, school, actor, query['ref'], now);
      return { type: HTML, body: chronologyPage(view, query['ref'] ?? '', links) };
    }),
    '/register/pupil.pdf': signedPage(deps, async ({ school, actor, query, now }) => {
      const view = await chronologyFor(deps.stores, school, actor, query['ref'], now);
      return { type: 'application/pdf', body: await (await pdfs()).chronologyPdf(view), filename: `chronology-${(query['ref'] ?? '').toUpperCase()}.pdf` };
    }),
  };
}
