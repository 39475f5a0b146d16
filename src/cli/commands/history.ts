import { parseArgs } from 'node:util';
import { withAttendance } from '../../app/withAttendance.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { actingRole } from '../../core/permissions.ts';
import type { CliIo } from '../io.ts';
import { formatTable } from '../table.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap history <pupil ref> --as <staffId> [--school <id>]';
const KNOWN = new Set(['type', 'on', 'by', 'at', 'key', 'details']);

/** A pupil's placements and every decision recorded on them; concern details only for a DSL. */
export async function history(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' }, school: { type: 'string' } } });
  const [ref] = positionals;
  if (!ref || !values.as) return io.usage(USAGE);

  return withWorkspace(io, new Date(), async (ws) => {
    const school = ws.school(values.school);
    const actor = actorFor(school, values.as as string);
    if (!actor || !actingRole(actor.roles, 'readPlacement', school.config.permissions))
      throw new AppError(ErrorCode.NotAllowed, `${values.as} may not read placements at ${school.config.school.name}.`);
    const mayReadConcerns = actingRole(actor.roles, 'readConcernDetails', school.config.permissions) !== null;
    const records = await ws.stores.placements.list(school.id, { pupilRef: ref });
    if (records.length === 0) throw new AppError(ErrorCode.NotFound, `No placement for pupil ${ref} at ${school.config.school.name}.`);

    for (const { placement: stored } of records) {
      const placement = await withAttendance(stored, school.id, ws.stores.attendance);
      io.out(`${placement.id}  ${placement.kind}  ${placement.status}  ${placement.start} to ${placement.end ?? 'open'}  (version ${placement.version})`);
      const rows = [...placement.history]
        .sort((a, b) => a.on.localeCompare(b.on))
        .map((e) => {
          const fields = Object.entries(e)
            .filter(([k]) => !KNOWN.has(k))
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
          if (e.type === 'concern' && 'details' in e) fields.push(mayReadConcerns ? `details=${String(e.details)}` : 'details: for the DSL only');
          return [e.on, e.type, e.by ?? '', fields.join(' ')];
        });
      io.out(formatTable(['on', 'what', 'by', 'details'], rows));
      io.out('');
    }
    return 0;
  });
}
