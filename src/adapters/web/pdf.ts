import PDFDocument from 'pdfkit';
import type { ChronologyView } from '../../views/chronology.ts';
import { amountText, amountValue, type ReportSection, type TermlyReportView } from '../../views/termlyReport.ts';
import { breakdownText, type TrustReportView } from '../../views/trustReport.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** Lays a document out with pdfkit (pure JavaScript: no browser in the image) and returns its bytes. */
export function pdfOf(title: string, draw: (doc: Doc) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Creator: 'apbot' }, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  draw(doc);
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#4d4d4d').text(`${title} · page ${i + 1} of ${pages.count}`, 48, doc.page.height - 36, { lineBreak: false });
  }
  doc.end();
  return done;
}

export function heading(doc: Doc, text: string): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('black').text(text);
}

export function line(doc: Doc, text: string, options: { bold?: boolean; muted?: boolean; size?: number } = {}): void {
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 10).fillColor(options.muted ? '#4d4d4d' : 'black').text(text);
}

/** The same chronology as the page: each placement's entries, then its attendance by week. */
export function chronologyPdf(view: ChronologyView): Promise<Uint8Array> {
  return pdfOf(view.title, (doc) => {
    line(doc, view.produced, { muted: true });
    if (view.withheld) line(doc, view.withheld);
    for (const p of view.placements) {
      heading(doc, p.title);
      line(doc, `${p.period} · Placement ${p.id}`, { muted: true });
      doc.moveDown(0.4);
      if (p.entries.length === 0) line(doc, 'Nothing recorded yet.');
      for (const e of p.entries) {
        line(doc, `${e.date}  ${e.what}  (${e.who}${e.recorded ? `, recorded ${e.recorded}` : ''})`, { bold: true });
        if (e.detail) line(doc, e.detail);
        doc.moveDown(0.3);
      }
      line(doc, `Attendance: ${p.attendance.total}`, { bold: true });
      for (const w of p.attendance.weeks) line(doc, `${w.label}: ${w.attended} of ${w.marked} sessions${w.percent === null ? '' : ` (${w.percent}%)`}`);
    }
  });
}

/** A section's bars drawn with pdfkit, each with its number beside it: the same figures as the page's chart. */
function bars(doc: Doc, section: ReportSection): void {
  const max = section.unit === 'percent' ? 100 : Math.max(1, ...section.figures.map((f) => amountValue(f.amount)));
  const left = doc.page.margins.left;
  const labelWidth = 170;
  const barWidth = 200;
  for (const f of section.figures) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    doc.font('Helvetica').fontSize(9).fillColor('black').text(f.label, left, y + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    doc.rect(left + labelWidth, y, Math.max(1, (amountValue(f.amount) / max) * barWidth), 12).fill('#2f5d8a');
    doc.fillColor('black').text(amountText(f.amount), left + labelWidth + barWidth + 8, y + 2, { lineBreak: false });
    doc.x = left;
    doc.y = y + 17;
  }
  if (section.reference) {
    const x = left + labelWidth + (section.reference.value / max) * barWidth;
    doc.moveTo(x, doc.y - 17 * section.figures.length - 2).lineTo(x, doc.y).dash(4, { space: 2 }).stroke('#b00020').undash();
    line(doc, `Dashed line: ${section.reference.label}, ${section.reference.value}%`, { muted: true, size: 8 });
  }
}

function reportSection(doc: Doc, section: ReportSection): void {
  if (doc.y > doc.page.height - 160) doc.addPage();
  heading(doc, section.title);
  line(doc, section.note, { muted: true, size: 9 });
  doc.moveDown(0.4);
  bars(doc, section);
  for (const fact of section.facts) line(doc, `${fact.label}: ${amountText(fact.amount)}`);
}

/** The termly report as a PDF: each section's bars with their numbers, and its facts. */
export function reportPdf(view: TermlyReportView): Promise<Uint8Array> {
  return pdfOf(`${view.title}, ${view.school}`, (doc) => {
    line(doc, `${view.period}. Numbers only: no pupil is named.`, { muted: true });
    for (const section of view.sections) reportSection(doc, section);
  });
}

/** The report across the trust as a PDF: the trust's bars and facts, then each school's numbers for the section. */
export function trustReportPdf(view: TrustReportView): Promise<Uint8Array> {
  return pdfOf(view.title, (doc) => {
    line(doc, 'Numbers only: no pupil is named. Every figure is added up from the schools\' own counts; a percentage is worked out again from the added counts, never averaged.', { muted: true });
    for (const school of view.schools) line(doc, `${school.name}: ${school.period}`, { size: 9 });
    for (const section of view.sections) {
      reportSection(doc, section);
      doc.moveDown(0.3);
      line(doc, 'School by school', { bold: true, size: 9 });
      for (const row of section.breakdown.rows)
        line(doc, `${row.school}: ${section.breakdown.columns.map((c, i) => `${c} ${breakdownText(row.amounts[i] ?? null)}`).join(' · ')}`, { size: 9 });
    }
  });
}
