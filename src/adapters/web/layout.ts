import { html, trusted, type Html } from './html.ts';

const STYLE = `
:root { --red: #b00020; --amber: #8a5a00; --green: #1b6b2f; --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
body { margin: 0; padding: 1rem; line-height: 1.4; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem; border-bottom: 2px solid var(--ink); margin-bottom: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
a { color: #0b4f9c; }
a:focus, button:focus, select:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.muted { color: var(--muted); }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; margin-bottom: 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .9rem; }
select, button { font: inherit; padding: .3rem .4rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th a { color: inherit; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.rag { font-weight: 600; white-space: nowrap; }
td[data-column="pupil"] { white-space: nowrap; }
.rag::before { content: ""; display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .35em; vertical-align: -.05em; }
.rag-red { color: var(--red); } .rag-red::before { background: var(--red); }
.rag-amber { color: var(--amber); } .rag-amber::before { background: #f0a500; }
.rag-green { color: var(--green); } .rag-green::before { background: var(--green); }
.strip { display: flex; gap: 2px; align-items: flex-end; height: 1.4rem; margin-top: .2rem; }
.strip span { width: .6rem; background: #5a7fa8; display: inline-block; }
.strip span.none { background: transparent; border-bottom: 2px dotted var(--line); height: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0 1rem; }
.figure { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin-bottom: 1.5rem; }
.figure svg { max-width: 100%; height: auto; }
.figure figure { margin: 0; }
.figure table.numbers { width: auto; min-width: 18rem; }
@media (max-width: 700px) {
  table.register thead { position: absolute; left: -9999px; }
  table.register tr { display: block; border: 1px solid var(--line); margin-bottom: .75rem; padding: .25rem; }
  table.register td { display: grid; grid-template-columns: 9rem 1fr; border: 0; padding: .2rem .3rem; }
  table.register td::before { content: attr(data-label); font-weight: 600; }
}
@media print {
  body { padding: 0; font-size: 10.5pt; }
  nav, form, .actions, .no-print { display: none !important; }
  a { color: inherit; text-decoration: none; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/** Every page: one stylesheet, the school and viewer in the header, nothing from outside the bot. */
export function page(title: string, body: Html, who?: string): string {
  return `<!doctype html>${html`<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header><h1>${title}</h1>${who ? html`<p class="muted">${who}</p>` : ''}</header>
<main>
${body}
</main>
</body>
</html>`.value}`;
}
