import { shortDate } from '../../core/calendar/localDate.ts';
import type { RegisterColumn, RegisterCountsView, RegisterQuery, RegisterRow, RegisterView } from '../../views/register.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';

/** Links to the bot's other pages, each carrying the signed token it was opened with. */
export interface Links {
  token: string;
  to(path: string, params?: Record<string, string | undefined>): string;
}

const date = (d: string | null) => (d === null ? 'Never' : shortDate(d));

function strip(row: RegisterRow): Html {
  if (row.attendance.weeks.length === 0) return html``;
  return html`<div class="strip" aria-hidden="true">${row.attendance.weeks.map((w) =>
    w.percent === null ? html`<span class="none" title="${w.label}: no marks"></span>` : html`<span style="height:${Math.max(2, w.percent)}%" title="${w.label}: ${w.percent}%"></span>`,
  )}</div>`;
}

function cell(column: RegisterColumn, row: RegisterRow, links: Links): Html {
  switch (column) {
    case 'pupil':
      return html`<a href="${links.to('/register/pupil', { ref: row.pupilRef })}">${row.pupil}</a>`;
    case 'kind':
      return html`${row.kind}`;
    case 'provider':
      return html`${row.provider}`;
    case 'days':
      return html`${row.days}`;
    case 'attendance':
      return html`${row.attendance.text}${strip(row)}`;
    case 'lastReview':
      return html`${date(row.lastReview)}`;
    case 'lastQaVisit':
      return html`${row.lastQaVisit === null && row.provider === 'The school' ? 'Not needed' : date(row.lastQaVisit)}`;
    case 'next':
      return row.next ? html`${row.next.title}<br><span class="muted">${row.next.when}</span>` : html`Nothing open`;
    case 'owner':
      return html`${row.owner}`;
    case 'status':
      return html`<span class="rag rag-${row.status}">${row.statusText}</span>`;
  }
}

function filterSelect(name: keyof RegisterQuery, label: string, options: { value: string; title: string }[], selected: string | undefined): Html {
  return html`<label>${label}<select name="${name}"><option value="">All</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.title}</option>`,
  )}</select></label>`;
}

function sortHref(view: RegisterView, column: RegisterColumn, links: Links): string {
  const dir = view.query.sort === column && view.query.dir === 'asc' ? 'desc' : 'asc';
  const { kind, provider, owner, status } = view.query;
  return links.to('/register', { kind, provider, owner, status, sort: column, dir });
}

function leaderLinks(view: { mayExportAudit?: boolean; mayReadReport: boolean }, links: Links, acrossTrust: boolean): Html {
  return html`<nav class="actions" aria-label="More">
${view.mayReadReport ? html`<a href="${links.to('/register/report')}">Termly report for governors</a>` : ''}
${acrossTrust ? html`<a href="${links.to('/register/trust')}">Termly report across the trust's schools</a>` : ''}
${view.mayExportAudit ? html`<a href="${links.to('/register/audit.csv')}">Download the audit trail (CSV)</a>` : ''}
</nav>`;
}

/** `acrossTrust`: the viewer reads the termly report in more than one school, so the trust's is offered too. */
export function registerPage(view: RegisterView, links: Links, acrossTrust: boolean): string {
  const columns = view.columns;
  const body = html`
${leaderLinks(view, links, acrossTrust)}
<form class="filters" method="get" action="/register" aria-label="Filter the register">
<input type="hidden" name="t" value="${links.token}">
${filterSelect('kind', 'Kind', view.filters.kind, view.query.kind)}
${filterSelect('provider', 'Provider', view.filters.provider, view.query.provider)}
${filterSelect('owner', 'Whose', view.filters.owner, view.query.owner)}
${filterSelect('status', 'Status', view.filters.status, view.query.status)}
<input type="hidden" name="sort" value="${view.query.sort}"><input type="hidden" name="dir" value="${view.query.dir}">
<button type="submit">Show</button>
</form>
<div class="table-wrap">
<table class="register">
<caption>${view.shown} on ${view.today}</caption>
<thead><tr>${columns.map(
    (c) => html`<th scope="col"${c.sorted ? html` aria-sort="${c.sorted}"` : ''}><a href="${sortHref(view, c.key, links)}">${c.title}${c.sorted ? (c.sorted === 'ascending' ? ' ▲' : ' ▼') : ''}</a></th>`,
  )}${view.showConcerns ? html`<th scope="col">Concerns</th>` : ''}</tr></thead>
<tbody>
${view.rows.map(
    (row) =>
      html`<tr data-placement="${row.placementId}">${columns.map((c) => html`<td data-label="${c.title}" data-column="${c.key}">${cell(c.key, row, links)}</td>`)}${
        view.showConcerns ? html`<td data-label="Concerns" data-column="concerns">${row.concerns}</td>` : ''
      }</tr>\n`,
  )}
</tbody>
</table>
</div>
${view.rows.length === 0 ? html`<p>No open placement matches these filters.</p>` : ''}`;
  return page(view.title, body, `${view.viewer} · ${view.today}`);
}

export function registerCountsPage(view: RegisterCountsView, links: Links, acrossTrust: boolean): string {
  const table = (caption: string, rows: { title: string; count: number }[]) =>
    html`<table><caption>${caption}</caption><thead><tr><th scope="col">${caption.split(' by ')[1] ?? ''}</th><th scope="col">Pupils</th></tr></thead><tbody>${rows.map(
      (r) => html`<tr><td>${r.title}</td><td>${r.count}</td></tr>`,
    )}</tbody></table>`;
  const body = html`
<p>${view.total} pupils have an open placement. Governors see numbers only, never pupils.</p>
${leaderLinks(view, links, acrossTrust)}
${table('Open placements by kind', view.byKind)}
${table('Open placements by status', view.byStatus)}`;
  return page(view.title, body, `${view.viewer} · ${view.today}`);
}
