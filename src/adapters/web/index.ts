import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditCsv, auditTrailFor } from '../../app/auditExport.ts';
import { chronologyFor } from '../../app/chronology.ts';
import { termlyReportFor } from '../../app/termlyReport.ts';
import { reportFileName } from '../../views/termlyReport.ts';
import { readsTrustReport, trustReportFor } from '../../app/trustReport.ts';
import { registerFor } from '../../app/register.ts';
import { identify, teamsTenantsOf } from '../../app/identity.ts';
import { registerUrl, verifyLink } from '../../app/signedLinks.ts';
import { AppError, ErrorCode, isAppError } from '../../core/errors.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import type { Actor } from '../../core/decisions/decision.ts';
import type { Log, RequestHandler } from '../../ports/chatAdapter.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Stores } from '../../ports/stores.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { chronologyPage } from './chronologyPage.ts';
import { registerCountsPage, registerPage, type Links } from './registerPage.ts';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { teamsAccountOf, type TeamsSso } from './teamsSso.ts';
import { TEAMS_TAB_SCRIPT, teamsTabPage } from './teamsTabPage.ts';

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
  /** Single sign-on from the Teams personal tab; unset, the tab only says how to open the register from chat. */
  teamsSso: TeamsSso | undefined;
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
  /** The page runs the bot's own scripts (the Teams tab); every other page runs none. */
  scripts?: boolean;
}

// Teams shows the register in a personal tab: only Teams may frame it.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': CSP,
};

const STATUS_OF: Partial<Record<string, number>> = { [ErrorCode.NotAllowed]: 403, [ErrorCode.NotFound]: 404 };

function send(res: ServerResponse, response: PageResponse): void {
  const headers: Record<string, string> = { ...HEADERS, 'content-type': response.type };
  if (response.scripts) headers['content-security-policy'] = `${CSP}; script-src 'self'`;
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
const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** Microsoft's Teams JavaScript library, served by the bot itself (no CDN), read on first use. */
let teamsJsSource: string | undefined;
function teamsJs(): string {
  teamsJsSource ??= readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  return teamsJsSource;
}

/** A form post is a few kilobytes at most: a Teams token is about two. */
const MAX_FORM_BYTES = 16 * 1024;

async function formField(req: IncomingMessage, name: string): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new AppError(ErrorCode.InvalidInput, 'That is too much to send here.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get(name);
}

/**
 * The tab's sign-on: the token Teams gave the tab, checked against Entra, names a Teams account;
 * its owner on a school's staff is sent to their own register by a signed link (or, on the staff of
 * several schools, chooses one). Any failure is a 403 that shows nothing of a school.
 */
function teamsSignOn(deps: WebDeps): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'POST') return send(res, problemPage(405, 'Only POST is allowed here.'));
    try {
      if (!deps.teamsSso) throw new AppError(ErrorCode.NotAllowed, 'Single sign-on from Teams is not set up here. Open the register from your chat with apbot: type register.');
      const account = await teamsAccountOf((await formField(req, 'token')) ?? '', deps.teamsSso, teamsTenantsOf(deps.schools));
      const staff = identify(deps.schools, { platform: 'teams', ...account });
      if (staff.length === 0) throw new AppError(ErrorCode.NotAllowed, 'You are not on the staff of a school that uses apbot, so the register stays closed. Ask your AP lead to add you.');
      const links = staff.map((s) => ({ school: s.school.config.school.name, url: registerUrl('', deps.secret, s.staff.id, s.school.id, deps.linkClock.now()) }));
      if (links.length === 1) return void res.writeHead(303, { ...HEADERS, location: links[0]?.url ?? '/' }).end();
      send(res, { type: HTML, body: page('Which school?', html`<p>You are on the staff of more than one school. Open the register of:</p><ul>${links.map((l) => html`<li><a href="${l.url}">${l.school}</a></li>`)}</ul>`) });
    } catch (error) {
      if (!isAppError(error) || !error.isUserError) throw error;
      deps.log.warn({ component: 'teams-tab', code: error.code }, 'refused a sign-in from the Teams tab');
      send(res, problemPage(error.code === ErrorCode.InvalidInput ? 413 : 403, error.message));
    }
  };
}

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
    // The Teams personal tab: Teams says who is looking only through single sign-on, so until the
    // bot has checked a token from it, the tab shows nothing of the school.
    '/register/tab': (_req, res) => send(res, { type: HTML, body: teamsTabPage(deps.teamsBotId, deps.teamsSso !== undefined), scripts: true }),
    '/register/tab/tab.js': (_req, res) => send(res, { type: JAVASCRIPT, body: TEAMS_TAB_SCRIPT }),
    '/register/tab/teams.js': (_req, res) => send(res, { type: JAVASCRIPT, body: teamsJs() }),
    '/register/tab/sso': teamsSignOn(deps),
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
