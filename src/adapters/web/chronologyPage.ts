import type { ChronologyView } from '../../views/chronology.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import type { Links } from './registerPage.ts';

/** A pupil's chronology as a page that prints as it reads (the print stylesheet drops the links). */
export function chronologyPage(view: ChronologyView, ref: string, links: Links): string {
  const body = html`
<nav class="actions" aria-label="Chronology">
<a href="${links.to('/register')}">Back to the register</a>
<a href="${links.to('/register/pupil.pdf', { ref })}">Download as PDF</a>
</nav>
<p class="muted">${view.produced}</p>
${view.withheld ? html`<p>${view.withheld}</p>` : ''}
${view.placements.map(
    (p) => html`<section aria-labelledby="p-${p.id}">
<h2 id="p-${p.id}">${p.title}</h2>
<p>${p.period} · Placement ${p.id}</p>
<div class="table-wrap"><table>
<caption>What was decided and done, oldest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Details</th><th scope="col">Who</th><th scope="col">Recorded</th></tr></thead>
<tbody>${p.entries.map(
      (e) => html`<tr class="entry-${e.kind}"><td>${e.date}</td><td>${e.what}</td><td>${e.detail}</td><td>${e.who}</td><td>${e.recorded}</td></tr>`,
    )}</tbody>
</table></div>
${p.entries.length === 0 ? html`<p>Nothing recorded yet.</p>` : ''}
<h3>Attendance: ${p.attendance.total}</h3>
${
  p.attendance.weeks.length === 0
    ? html`<p>No attendance confirmed.</p>`
    : html`<div class="table-wrap"><table>
<caption>Attendance by week, from confirmed marks</caption>
<thead><tr><th scope="col">Week</th><th scope="col">Attended</th><th scope="col">Marked</th><th scope="col">Percent</th></tr></thead>
<tbody>${p.attendance.weeks.map((w) => html`<tr><td>${w.label}</td><td>${w.attended}</td><td>${w.marked}</td><td>${w.percent === null ? '' : `${w.percent}%`}</td></tr>`)}</tbody>
</table></div>`
}
</section>`,
  )}`;
  return page(view.title, body, `${view.school} · ${view.viewer}`);
}
