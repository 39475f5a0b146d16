import type { ReportSection, TermlyReportView } from '../../views/termlyReport.ts';
import { chartSvg } from './charts.ts';
import { html, trusted, type Html } from './html.ts';
import { page } from './layout.ts';
import type { Links } from './registerPage.ts';

function numbers(section: ReportSection): Html {
  const rows = [...section.figures.map((f) => ({ label: f.label, text: f.text })), ...section.facts.map((f) => ({ label: f.label, text: f.text }))];
  return html`<table class="numbers"><caption>The numbers</caption><tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${r.text}</td></tr>`)}</tbody></table>`;
}

/** The termly report: each section a chart drawn on the server with its numbers beside it. */
export async function reportPage(view: TermlyReportView, links: Links): Promise<string> {
  const sections = await Promise.all(
    view.sections.map(async (s) => {
      const chart = s.figures.length > 0 ? html`<figure role="img" aria-label="${s.title}">${trusted(await chartSvg(s))}</figure>` : '';
      return html`<section aria-labelledby="s-${s.id}">
<h2 id="s-${s.id}">${s.title}</h2>
<p class="muted">${s.note}</p>
<div class="figure">${chart}${numbers(s)}</div>
</section>`;
    }),
  );
  const body = html`
<nav class="actions" aria-label="Report">
<a href="${links.to('/register')}">Back to the register</a>
<a href="${links.to('/register/report.pdf', { term: view.term })}">Download as PDF</a>
</nav>
<form class="filters" method="get" action="/register/report" aria-label="Choose the term">
<input type="hidden" name="t" value="${links.token}">
<label>Term<select name="term">${view.terms.map((t) => html`<option value="${t}"${t === view.term ? html` selected` : ''}>${t}</option>`)}</select></label>
<button type="submit">Show</button>
</form>
<p>${view.school} · ${view.period}. Numbers only: no pupil is named.</p>
${sections}`;
  return page(view.title, body, view.school);
}
