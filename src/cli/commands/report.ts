import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { termlyReportOf } from '../../app/termlyReport.ts';
import type { CliIo } from '../io.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap report --school <id> --term <name> [--out <file.pdf>]';

/** Writes a school's termly report for governors as a PDF (charts and numbers, no pupil named). */
export async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, term: { type: 'string' }, out: { type: 'string' } } });
  if (positionals.length > 0 || !values.term) return io.usage(USAGE);
  const term = values.term;
  return withWorkspace(io, new Date(), async (ws) => {
    const school = ws.school(values.school);
    const view = await termlyReportOf(ws.stores, school, term, new Date());
    const out = values.out ?? `report-${school.id}-${view.term.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}.pdf`;
    const { reportPdf } = await import('../../adapters/web/pdf.ts');
    writeFileSync(out, await reportPdf(view));
    io.out(`Wrote ${out}: ${view.title}, ${view.school} (${view.period})`);
    return 0;
  });
}
