import { amountText, type ReportSection, type TermlyReportView } from '../../views/termlyReport.ts';
import { breakdownText, type TrustReportView, type TrustSection } from '../../views/trustReport.ts';
import { chartSvg } from './charts.ts';
import { html, trusted, type Html } from './html.ts';
import { page } from './layout.ts';
import type { Links } from './registerPage.ts';

function numbers(section: ReportSection, caption: string): Html {
  const rows = [...section.figures, ...section.facts];
  return html`<table class="numbers"><caption>${caption}</caption><tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${amountText(r.amount)}</td></tr>`)}</tbody></table>`;
}

/** Each school's numbers for a section, the trust's total as the last row. */
function breakdown(section: TrustSection): Html {
  const { columns, rows, total } = section.breakdown;
  return html`<div class="table-wrap"><table class="breakdown"><caption>School by school</caption>
<thead><tr><th scope="col">School</th>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.school}</th>${r.amounts.map((a) => html`<td>${breakdownText(a)}</td>`)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">${total.school}</th>${total.amounts.map((a) => html`<td>${breakdownText(a)}</td>`)}</tr></tfoot>
</table></div>`;
}

/** Each section a chart drawn on the server with its numbers beside it, and anything else the section adds. */
function sectionsHtml<S extends ReportSection>(sections: readonly S[], caption: string, after: (s: S) => Html | ''): Promise<Html[]> {
  return Promise.all(
    sections.map(async (s) => {
      const chart = s.figures.length > 0 ? html`<figure role="img" aria-label="${s.title}">${trusted(await chartSvg(s))}</figure>` : '';
      return html`<section aria-labelledby="s-${s.id}">
<h2 id="s-${s.id}">${s.title}</h2>
<p class="muted">${s.note}</p>
<div class="figure">${chart}${numbers(s, caption)}</div>
${after(s)}
</section>`;
    }),
  );
}

function termChoice(view: { terms: string[]; term: string }, action: string, links: Links): Html {
  return html`<form class="filters" method="get" action="${action}" aria-label="Choose the term">
<input type="hidden" name="t" value="${links.token}">
<label>Term<select name="term">${view.terms.map((t) => html`<option value="${t}"${t === view.term ? html` selected` : ''}>${t}</option>`)}</select></label>
<button type="submit">Show</button>
</form>`;
}

/** The termly report: each section a chart drawn on the server with its numbers beside it. */
export async function reportPage(view: TermlyReportView, links: Links, acrossTrust: boolean): Promise<string> {
  const body = html`
<nav class="actions" aria-label="Report">
<a href="${links.to('/register')}">Back to the register</a>
<a href="${links.to('/register/report.pdf', { term: view.term })}">Download as PDF</a>
${acrossTrust ? html`<a href="${links.to('/register/trust', { term: view.term })}">Across the trust's schools</a>` : ''}
</nav>
${termChoice(view, '/register/report', links)}
<p>${view.school} · ${view.period}. Numbers only: no pupil is named.</p>
${await sectionsHtml(view.sections, 'The numbers', () => '')}`;
  return page(view.title, body, view.school);
}

/** The report across the trust: the trust's totals charted with their numbers, each school's beside them. */
export async function trustReportPage(view: TrustReportView, links: Links): Promise<string> {
  const body = html`
<nav class="actions" aria-label="Report">
<a href="${links.to('/register')}">Back to the register</a>
<a href="${links.to('/register/report', { term: view.term })}">This school's own report</a>
<a href="${links.to('/register/trust.pdf', { term: view.term })}">Download as PDF</a>
</nav>
${termChoice(view, '/register/trust', links)}
<p>Numbers only: no pupil is named. Every figure is added up from the schools' own counts; a percentage is worked out again from the added counts, never averaged.</p>
<table><caption>The schools counted</caption><thead><tr><th scope="col">School</th><th scope="col">${view.term}</th></tr></thead>
<tbody>${view.schools.map((s) => html`<tr><th scope="row">${s.name}</th><td>${s.period}</td></tr>`)}</tbody></table>
${await sectionsHtml(view.sections, 'All schools', breakdown)}`;
  return page(view.title, body, view.schools.map((s) => s.name).join(' · '));
}
