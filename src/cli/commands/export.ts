import { parseArgs } from 'node:util';
import { auditCsv, auditTrail } from '../../app/auditExport.ts';
import type { CliIo } from '../io.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap export audit --school <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--csv]';

/** The audit trail of a school between two dates, as JSON (one entry a line) or CSV; never what a concern says. */
export async function exportAudit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, csv: { type: 'boolean' } } });
  if (positionals.length !== 1 || positionals[0] !== 'audit' || !values.from || !values.to) return io.usage(USAGE);
  const { from, to } = values;
  return withWorkspace(io, new Date(), async (ws) => {
    const entries = await auditTrail(ws.stores.audit, ws.school(values.school), from, to);
    if (values.csv) io.out(auditCsv(entries).trimEnd());
    else for (const entry of entries) io.out(JSON.stringify(entry));
    return 0;
  });
}
