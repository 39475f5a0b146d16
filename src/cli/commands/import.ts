import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bankHolidaysOf, DIVISIONS, withBankHolidays } from '../../app/import/bankHolidays.ts';
import { planStaffImport } from '../../app/import/staffImport.ts';
import { termDatesFromEvents, withTermDates } from '../../app/import/termDates.ts';
import { decodeSpreadsheetText, readCsvTable } from '../../app/import/csvTable.ts';
import { readEnv } from '../../config/env.ts';
import { readIcalEvents } from '../../config/icalEvents.ts';
import { loadSchoolFile, readText } from '../../config/schoolFile.ts';
import { schoolFileOf, updateSchoolCalendar, updateSchoolStaff } from '../../config/schoolFileUpdate.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
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

const USAGE_TERMS = 'ap import terms <file.ics> --school <school.yaml> [--dry-run]';
const USAGE_BANK_HOLIDAYS = 'ap import bank-holidays <file.json> [--school <school.yaml>] [--division england-and-wales|scotland|northern-ireland] [--dry-run]';
const USAGE_STAFF = 'ap import staff <file.csv> [--school <id>] [--dry-run]';
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
  const lines = [formatTable(['row', 'outcome', 'pupil', 'placement', 'detail'], plan.rows.map((r) => [String(r.row), r.outcome, r.pupil ? `${r.pupil.ref} ${r.pupil.initials}` : '', r.placementId ?? '', r.detail]))];
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

function calendarSummary(path: string, school: School, written: boolean): string {
  const { calendar } = school;
  const what = `${school.config.calendar.terms.length} terms from ${calendar.firstDay} to ${calendar.lastDay}, ${school.config.calendar.closures.length} closures, ${calendar.schoolDaysIn(calendar.firstDay, calendar.lastDay).length} school days`;
  return written ? `Wrote the calendar to ${path}: ${what}.` : `Dry run: ${path} not changed. It would hold ${what}.`;
}

async function terms(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const [path] = positionals;
  if (!path || positionals.length > 1 || !values.school) return io.usage(USAGE_TERMS);
  const write = values['dry-run'] !== true;
  const text = readText(path, 'the calendar file');
  const school = updateSchoolCalendar(
    values.school,
    (calendar, current) => {
      const imported = termDatesFromEvents(readIcalEvents(text, current.config.school.timezone));
      io.out(`Understood from ${path}:`);
      io.out(formatTable(['term', 'first day', 'last day', 'half-term break'], imported.terms.map((t) => [t.name, t.start, t.end, t.halfTermBreak ? `${t.halfTermBreak.start} to ${t.halfTermBreak.end}` : 'none'])));
      io.out(`Closures: ${imported.closures.map((c) => `${c.date} (${c.reason})`).join(', ') || 'none'}.`);
      if (imported.leftOut.length > 0) io.out(`Left out:\n  ${imported.leftOut.join('\n  ')}`);
      return withTermDates(calendar, imported);
    },
    { write },
  );
  io.out(calendarSummary(values.school, school, write));
  return 0;
}

function schoolFilesIn(dir: string | undefined): string[] {
  if (!dir) throw new AppError(ErrorCode.InvalidInput, 'Say which school file to extend with --school <school.yaml>, or set SCHOOLS_DIR.');
  return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
}

async function bankHolidays(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, division: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const [path] = positionals;
  if (!path || positionals.length > 1) return io.usage(USAGE_BANK_HOLIDAYS);
  const division = values.division ?? 'england-and-wales';
  if (!(DIVISIONS as readonly string[]).includes(division)) throw new AppError(ErrorCode.InvalidInput, `--division must be one of: ${DIVISIONS.join(', ')}.`);
  let document: unknown;
  try {
    document = JSON.parse(readText(path, 'the bank-holidays file'));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.InvalidInput, `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const dates = bankHolidaysOf(document, division);
  io.out(`${path}: ${dates.length} ${division} bank holidays, ${dates[0] ?? '-'} to ${dates[dates.length - 1] ?? '-'}.`);
  const write = values['dry-run'] !== true;
  const files = values.school ? [values.school] : schoolFilesIn(readEnv().SCHOOLS_DIR);
  // Every file is checked before any is written: a trust's schools change together or not at all.
  for (const file of files) updateSchoolCalendar(file, (calendar) => withBankHolidays(calendar, dates), { write: false });
  for (const file of files) {
    const school = updateSchoolCalendar(file, (calendar) => withBankHolidays(calendar, dates), { write });
    const list = school.config.calendar.bankHolidays ?? [];
    io.out(`${write ? 'Wrote' : 'Dry run: would write'} ${list.length} bank holidays (${list[0]} to ${list[list.length - 1]}) to ${file}.`);
  }
  return 0;
}

async function staff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { school: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const [path] = positionals;
  if (!path || positionals.length > 1) return io.usage(USAGE_STAFF);
  const table = readCsvTable(decodeSpreadsheetText(readFileBytes(path, 'the staff file')));
  const file = schoolFileOf(readEnv().SCHOOLS_DIR, values.school);
  const plan = planStaffImport(table, loadSchoolFile(file).config.staff);
  io.out(formatTable(['row', 'outcome', 'staff', 'detail'], plan.rows.map((r) => [String(r.row), r.outcome, r.staffId ?? '', r.detail])));
  if (plan.rows.some((r) => r.outcome === 'refused')) {
    io.out(`Nothing was changed in ${file}: fix the refused rows and run it again.`);
    return EXIT_BAD_INPUT;
  }
  const write = values['dry-run'] !== true;
  const school = updateSchoolStaff(file, () => plan.staff, { write });
  io.out(`${write ? 'Wrote' : 'Dry run: would write'} ${school.config.staff.length} staff to ${file}. Next: ap staff check${values.school ? ` --school ${values.school}` : ''} finds their Teams and Slack accounts.`);
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = { placements, terms, 'bank-holidays': bankHolidays, staff };

/** `ap import <what> <file>`: a school's own data, brought in from the files it already has. */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  const sub = what === undefined ? undefined : SUBCOMMANDS[what];
  if (!sub) {
    io.err(`ap import: say what to import: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
    return io.usage([USAGE, USAGE_TERMS, USAGE_BANK_HOLIDAYS, USAGE_STAFF].join('\n       '));
  }
  return sub(rest, io);
}
