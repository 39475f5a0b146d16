import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { termlyReportOf } from '../../app/termlyReport.ts';
import { trustReportOf } from '../../app/trustReport.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { reportFileName } from '../../views/termlyReport.ts';
import type { CliIo } from '../io.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap report --school <id> | --trust  --term <name> [--out <file.pdf>]';

/** Writes the termly report for governors as a PDF (charts and numbers, no pupil named): one school's, or across every school the bot serves. */
export async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, trust: { type: 'boolean' }, term: { type: 'string' }, out: { type: 'string' } } });
  if (positionals.length > 0 || !values.term || (values.trust && values.school !== undefined)) return io.usage(USAGE);
  const term = values.term;
  return withWorkspace(io, new Date(), async (ws) => {
    const { reportPdf, trustReportPdf } = await import('../../adapters/web/pdf.ts');
    if (values.trust) {
      if (ws.schools.length < 2) throw new AppError(ErrorCode.InvalidInput, '--trust adds up the schools in SCHOOLS_DIR, and there is only one: use --school.');
      const view = await trustReportOf(ws.stores, ws.schools, term, new Date());
      const out = values.out ?? reportFileName('trust', view.term);
      writeFileSync(out, await trustReportPdf(view));
      io.out(`Wrote ${out}: ${view.title} (${view.schools.map((s) => s.name).join(', ')})`);
      return 0;
    }
    const school = ws.school(values.school);
    const view = await termlyReportOf(ws.stores, school, term, new Date());
    const out = values.out ?? reportFileName(school.id, view.term);
    writeFileSync(out, await reportPdf(view));
    io.out(`Wrote ${out}: ${view.title}, ${view.school} (${view.period})`);
    return 0;
  });
}
