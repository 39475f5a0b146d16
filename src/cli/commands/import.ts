import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importPlacementCsv } from '../../app/import/placementCsvImport.ts';
import { NO_MAPPING } from '../../app/import/placementColumns.ts';
import { countOutcomes, type PlacementImportPlan } from '../../app/import/planPlacementImport.ts';
import { loadImportMappingFile } from '../../config/importMappingFile.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { parseInstant } from '../instant.ts';
import { EXIT_BAD_INPUT, type CliIo } from '../io.ts';
import { formatTable } from '../table.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = 'ap import placements <file.csv> [--school <id>] [--map <mapping.yaml>] [--dry-run] [--as <staff id>] [--at <ISO instant>]';

function readFileBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new AppError(ErrorCode.InvalidInput, `Cannot read ${what} ${path}: ${reason}.`);
  }
}

/** The dry run's report: one line per row, then what it adds up to. */
export function placementImportReport(plan: PlacementImportPlan, dryRun: boolean): string[] {
  const counts = countOutcomes(plan);
  const lines = [formatTable(['row', 'outcome', 'pupil', 'placement', 'detail'], plan.rows.map((r) => [String(r.row), r.outcome, r.pupil ?? '', r.placementId ?? '', r.detail]))];
  if (plan.ignoredColumns.length > 0) lines.push(`Columns not read (nothing in them is kept): ${plan.ignoredColumns.join(', ')}.`);
  lines.push(`${plan.rows.length} rows: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused.`);
  if (counts.refused > 0) lines.push('Nothing was imported: an import is all or nothing. Fix the refused rows and run it again.');
  else if (dryRun) lines.push('Dry run: nothing was written. Run it again without --dry-run to import.');
  else lines.push(counts.created + counts.updated === 0 ? 'Nothing to change.' : 'Imported.');
  return lines;
}

async function placements(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { school: { type: 'string' }, map: { type: 'string' }, 'dry-run': { type: 'boolean' }, as: { type: 'string' }, at: { type: 'string' } },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) return io.usage(USAGE);
  const file = readFileBytes(path, 'the placements file');
  const mapping = values.map ? loadImportMappingFile(values.map) : NO_MAPPING;
  const dryRun = values['dry-run'] === true;
  const now = values.at ? parseInstant(values.at, '--at') : new Date();
  return withWorkspace(io, now, async (ws) => {
    const school = ws.school(values.school);
    if (values.as && !actorFor(school, values.as)) throw new AppError(ErrorCode.NotAllowed, `There is no member of staff "${values.as}" at ${school.config.school.name}.`);
    const { plan } = await importPlacementCsv(ws.stores, { school, file, mapping, by: values.as ?? 'cli:import', now, dryRun });
    for (const line of placementImportReport(plan, dryRun)) io.out(line);
    return plan.rows.some((r) => r.outcome === 'refused') ? EXIT_BAD_INPUT : 0;
  });
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = { placements };

/** `ap import <what> <file>`: a school's own data, brought in from the files it already has. */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  const sub = what === undefined ? undefined : SUBCOMMANDS[what];
  if (!sub) {
    io.err(`ap import: say what to import: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return io.usage(USAGE);
  }
  return sub(rest, io);
}
