import { parseArgs } from 'node:util';
import { loadPlacementsFile } from '../../config/placementsFile.ts';
import { loadSchoolFile } from '../../config/schoolFile.ts';
import { compareObligations, deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { parseInstant } from '../instant.ts';
import type { CliIo } from '../io.ts';
import { formatTable } from '../table.ts';

const USAGE = 'ap due --school <school.yaml> --placements <placements.json> --at <ISO instant> [--json]';

export function due(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: { school: { type: 'string' }, placements: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.school || !values.placements) return io.usage(USAGE);
  const at = parseInstant(values.at, '--at');
  const school = loadSchoolFile(values.school);
  const placements = loadPlacementsFile(values.placements);

  const obligations = placements.flatMap((p) => deriveObligations(p, school, at)).sort(compareObligations);
  if (values.json) {
    io.out(JSON.stringify(obligations, null, 2));
    return 0;
  }
  io.out(`${school.config.school.name}: ${obligations.length} open obligations at ${at.toISOString()}\n`);
  io.out(
    formatTable(
      ['due', 'stage', 'placement', 'obligation', 'for', 'owner', 'escalates to', 'warning'],
      obligations.map((o) => [o.dueDate, o.stage, o.placementId, o.type, o.subject ?? '', o.ownerRole, o.escalateToRole ?? '', o.warning ?? '']),
    ),
  );
  return 0;
}
