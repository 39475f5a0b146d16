import { createHash } from 'node:crypto';
import { localDateOf } from '../../core/calendar/localTime.ts';
import type { DecisionContext } from '../../core/decisions/decision.ts';
import { inCalendar } from '../../core/decisions/decision.ts';
import { updatePlacement } from '../../core/decisions/updatePlacement.ts';
import { isAppError } from '../../core/errors.ts';
import { onePupilOneRecord } from '../../core/placement/onePupil.ts';
import { placementSchema, SESSIONS, WEEKDAYS, type Placement, type PlacementKind, type Provider, type Timetable } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import { problemsOf } from '../../core/validation.ts';
import type { PlacementRecord } from '../../ports/placementStore.ts';
import { newPlacementId, nextDueAtOf } from '../decide.ts';
import type { CsvRow, CsvTable } from './csvTable.ts';
import { headerKey, kindOf, recogniseColumns, type ImportMapping, type PlacementColumn } from './placementColumns.ts';
import { CellProblem, initialsOfFullName, initialsOfNames, readDate, readInitials, readSessions } from './spreadsheetCells.ts';

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** What the import does with one row, in words for the AP lead; pupils by reference and initials only. */
export interface ImportRowReport {
  row: number;
  outcome: RowOutcome;
  /** The pupil by reference and initials, once the row was read that far. */
  pupil?: { ref: string; initials: string };
  placementId?: string;
  /** What the row adds, what it changes, or every reason it is refused. */
  detail: string;
}

export type ImportWrite =
  | { type: 'create'; row: number; placement: Placement; nextDueAt: Date | null; summary: string }
  | { type: 'update'; row: number; expectedVersion: number; placement: Placement; nextDueAt: Date | null; summary: string };

export interface PlacementImportPlan {
  schoolId: string;
  rows: ImportRowReport[];
  /** Empty whenever a row is refused: an import is all or nothing. */
  writes: ImportWrite[];
  /** Columns nobody reads: nothing in them is kept. */
  ignoredColumns: string[];
  /** Who imports, and the file's digest: the same file imported twice records each change once. */
  by: string;
  fileDigest: string;
}

export interface ImportContext {
  school: School;
  existing: readonly PlacementRecord[];
  providers: readonly Provider[];
  now: Date;
  by: string;
}

interface RowPlacement {
  ref: string;
  initials: string;
  yearGroup?: string;
  kind: PlacementKind;
  provider?: Provider;
  start: string;
  end?: string;
  timetable?: Timetable;
}

const KIND_WORDS: Record<PlacementKind, string> = {
  off_site_ap: 'off-site AP',
  on_site_ap: 'on-site AP',
  off_site_direction: 'off-site direction',
  suspension_provision: 'suspension provision',
  part_time_timetable: 'part-time timetable',
  flexi_schooling: 'flexi-schooling',
};

function providerIndex(providers: readonly Provider[], mapping: ImportMapping): Map<string, Provider> {
  const index = new Map<string, Provider>();
  for (const p of providers) {
    index.set(headerKey(p.id), p);
    index.set(headerKey(p.name), p);
  }
  for (const { aliases, ...p } of mapping.providers) for (const name of [p.id, p.name, ...aliases]) index.set(headerKey(name), p);
  return index;
}

/** Reads one row into a placement's fields, or every reason it cannot be read. */
function readRow(row: CsvRow, columns: Partial<Record<PlacementColumn, string>>, mapping: ImportMapping, providers: Map<string, Provider>): RowPlacement | { problems: string[]; pupil?: { ref: string; initials: string } } {
  const problems: string[] = [];
  const cell = (field: PlacementColumn) => {
    const header = columns[field];
    return header === undefined ? '' : (row.cells[header] ?? '');
  };
  const read = <T>(field: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      problems.push(`${field}: ${error.message}`);
      return undefined;
    }
  };
  const ref = cell('pupilRef').toUpperCase();
  if (ref === '') problems.push('pupil reference: missing');
  // Not quoted back, nor shown as the row's pupil: a column taken for the reference may hold names.
  const validRef = /^[A-Z0-9][A-Z0-9-]{0,31}$/.test(ref);
  if (ref !== '' && !validRef) problems.push('pupil reference: not a reference (letters, digits and dashes, up to 32)');
  const initials = read('initials', () => {
    if (cell('initials') !== '') return readInitials(cell('initials'));
    if (cell('forename') !== '' || cell('surname') !== '') return initialsOfNames(cell('forename'), cell('surname'));
    if (cell('fullName') !== '') return initialsOfFullName(cell('fullName'));
    throw new CellProblem('missing');
  });
  const kindCell = cell('kind');
  const kind = kindCell === '' ? mapping.kind : kindOf(kindCell, mapping);
  if (!kind)
    problems.push(
      kindCell === ''
        ? 'kind: missing'
        : `kind: "${kindCell}" is not a kind of placement the bot knows (${Object.values(KIND_WORDS).join(', ')}); name it under kinds: in a mapping file`,
    );
  if (kind === 'suspension_provision') problems.push('kind: suspension provision starts from the suspension itself; record it with `ap decide recordSuspension`');
  const providerCell = cell('provider');
  const provider = providerCell === '' ? undefined : providers.get(headerKey(providerCell));
  if (providerCell !== '' && !provider) problems.push(`provider: "${providerCell}" is not a provider the bot knows; add it first, or name it under providers: in a mapping file`);
  if (providerCell === '' && (kind === 'off_site_ap' || kind === 'off_site_direction')) problems.push('provider: an off-site placement needs its provider');
  const start = cell('start') === '' ? (problems.push('start: missing'), undefined) : read('start', () => readDate(cell('start')));
  const end = cell('end') === '' ? undefined : read('end', () => readDate(cell('end')));
  if (start && end && end < start) problems.push(`end: ${cell('end')} is before the start`);
  const timetable = cell('sessions') === '' ? undefined : read('sessions', () => readSessions(cell('sessions')));
  const yearGroup = cell('yearGroup').replace(/^(year|yr|y)\s*/i, '') || undefined;
  const pupil = validRef && initials ? { ref, initials } : undefined;
  if (problems.length > 0 || !initials || !kind || !start) return { problems, ...(pupil ? { pupil } : {}) };
  return { ref, initials, kind, start, ...(yearGroup ? { yearGroup } : {}), ...(provider ? { provider } : {}), ...(end ? { end } : {}), ...(timetable ? { timetable } : {}) };
}

function sameTimetable(a: Timetable, b: Timetable): boolean {
  return WEEKDAYS.every((d) => SESSIONS.every((s) => a[d].includes(s) === b[d].includes(s)));
}

function identityOf(ref: string, kind: PlacementKind, providerId: string | undefined): string {
  return `${ref}\n${kind}\n${providerId ?? ''}`;
}

function describe(p: RowPlacement | Placement): string {
  return `${KIND_WORDS[p.kind]}${p.provider ? ` at ${p.provider.name}` : ''}, ${p.start} to ${p.end ?? 'open'}`;
}

/**
 * Works out what importing a spreadsheet of placements would do, row by row, without writing
 * anything: each row is created, updated, unchanged or refused with its reasons. A placement is
 * the same one again when pupil, kind and provider match an open placement. Only initials are
 * kept from names, and a row is refused rather than guessed at.
 */
export function planPlacementImport(table: CsvTable, mapping: ImportMapping, context: ImportContext): PlacementImportPlan {
  const { school, now, by } = context;
  const { columns, ignored } = recogniseColumns(table.headers, mapping);
  const providers = providerIndex(context.providers, mapping);
  const today = localDateOf(now, school.config.school.timezone);
  const fileDigest = createHash('sha256').update(JSON.stringify(table.rows)).digest('hex').slice(0, 16);
  const seen = new Map<string, number>();
  const initialsInFile = new Map<string, { initials: string; row: number }>();
  const rows: ImportRowReport[] = [];
  const writes: ImportWrite[] = [];

  for (const row of table.rows) {
    const read = readRow(row, columns, mapping, providers);
    if ('problems' in read) {
      rows.push({ row: row.number, outcome: 'refused', ...(read.pupil ? { pupil: read.pupil } : {}), detail: read.problems.join('; ') });
      continue;
    }
    const pupil = { ref: read.ref, initials: read.initials };
    const refuse = (detail: string) => rows.push({ row: row.number, outcome: 'refused', pupil, detail });
    const identity = identityOf(read.ref, read.kind, read.provider?.id);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      refuse(`the same pupil, kind and provider as row ${earlier}: one row per placement`);
      continue;
    }
    seen.set(identity, row.number);
    const named = initialsInFile.get(read.ref);
    if (named && named.initials !== read.initials) {
      refuse(`pupil ${read.ref} is ${named.initials} on row ${named.row}; a reference names one pupil`);
      continue;
    }
    initialsInFile.set(read.ref, { initials: read.initials, row: row.number });
    // The pupil's placements in the bot and those this file makes: one pupil, one record.
    const ofPupil = [...context.existing.map((r) => r.placement), ...writes.filter((w) => w.type === 'create').map((w) => w.placement)].filter(
      (p) => p.pupil.ref.toUpperCase() === read.ref,
    );

    const same = (r: PlacementRecord) => identityOf(r.placement.pupil.ref.toUpperCase(), r.placement.kind, r.placement.provider?.id) === identity;
    const open = context.existing.find((r) => same(r) && r.placement.status !== 'ended');
    const ended = context.existing.find((r) => same(r) && r.placement.status === 'ended' && r.placement.start === read.start);
    const key = `import:${fileDigest}:${row.number}:v${open?.placement.version ?? 0}`;
    const ctx: DecisionContext = { school, actor: { staffId: by, roles: [] }, role: 'ap_lead', now, today, key, newPlacementId: newPlacementId(school.id, `import:${identity}\n${read.start}`) };
    try {
      onePupilOneRecord(read, ofPupil, true);
      if (open) {
        const changes = {
          ...(read.start !== open.placement.start ? { start: read.start } : {}),
          ...(read.end !== undefined && read.end !== open.placement.end ? { end: read.end } : {}),
          ...(read.timetable && !(open.placement.timetable && sameTimetable(read.timetable, open.placement.timetable)) ? { timetable: read.timetable } : {}),
        };
        if (Object.keys(changes).length === 0) {
          rows.push({ row: row.number, outcome: 'unchanged', pupil, placementId: open.placement.id, detail: describe(open.placement) });
          continue;
        }
        const outcome = updatePlacement.apply(open.placement, changes, ctx);
        const detail = Object.entries(changes)
          .map(([field, value]) => (field === 'timetable' ? 'timetable changed' : `${field} ${String(open.placement[field as 'start' | 'end'] ?? 'open')} → ${String(value)}`))
          .join('; ');
        writes.push({ type: 'update', row: row.number, expectedVersion: open.placement.version, placement: outcome.placement, nextDueAt: nextDueAtOf(outcome.placement, now), summary: `${outcome.summary} (import row ${row.number})` });
        rows.push({ row: row.number, outcome: 'updated', pupil, placementId: open.placement.id, detail });
        continue;
      }
      if (ended) {
        rows.push({ row: row.number, outcome: 'unchanged', pupil, placementId: ended.placement.id, detail: `${describe(ended.placement)} (ended)` });
        continue;
      }
      onePupilOneRecord(read, ofPupil, false);
      inCalendar(read.start, 'start', ctx);
      if (read.end) inCalendar(read.end, 'end', ctx);
      const status = read.end !== undefined && read.end < today ? 'ended' : read.start <= today ? 'active' : 'proposed';
      const parsed = placementSchema.safeParse({
        id: ctx.newPlacementId,
        kind: read.kind,
        status,
        pupil: { ref: read.ref, initials: read.initials, ...(read.yearGroup ? { yearGroup: read.yearGroup } : {}) },
        start: read.start,
        ...(read.end ? { end: read.end } : {}),
        ...(read.timetable ? { timetable: read.timetable } : {}),
        ...(read.provider ? { provider: read.provider } : {}),
      });
      if (!parsed.success) {
        refuse(problemsOf(parsed.error).join('; '));
        continue;
      }
      const placement = parsed.data;
      writes.push({ type: 'create', row: row.number, placement, nextDueAt: nextDueAtOf(placement, now), summary: `Placement ${placement.id} (${placement.kind}, ${status}) imported from row ${row.number}` });
      rows.push({ row: row.number, outcome: 'created', pupil, placementId: placement.id, detail: `${describe(placement)}${status === 'active' ? '' : ` (${status})`}` });
    } catch (error) {
      if (!isAppError(error) || !error.isUserError) throw error;
      refuse(error.message);
    }
  }
  const refused = rows.some((r) => r.outcome === 'refused');
  return { schoolId: school.id, rows, writes: refused ? [] : writes, ignoredColumns: ignored, by, fileDigest };
}

/** How many rows came to each outcome. */
export function countOutcomes(plan: PlacementImportPlan): Record<RowOutcome, number> {
  const counts: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const r of plan.rows) counts[r.outcome]++;
  return counts;
}
