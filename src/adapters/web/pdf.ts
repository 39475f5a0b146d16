import PDFDocument from 'pdfkit';
import type { ChronologyView } from '../../views/chronology.ts';

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
