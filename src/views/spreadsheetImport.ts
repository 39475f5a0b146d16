import { isValidLocalDate, shortDate } from '../core/calendar/localDate.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { staffName } from './names.ts';
import type { CardBase, Fact, ViewAction, Viewer } from './viewModel.ts';
import { moment } from './when.ts';

/** A card holds this many rows; the rest are counted ("and 37 more rows"). Refused rows come first. */
export const IMPORT_ROWS_SHOWN = 15;
/** A reason longer than this is cut: the card is a summary, `ap import placements --dry-run` lists it all. */
const DETAIL_MAX = 400;

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** One row of the spreadsheet as the import read it: the pupil by reference and initials only. */
export interface ImportRowLine {
  row: number;
  outcome: ImportOutcome;
  pupil?: { ref: string; initials: string };
  detail: string;
}

export interface ImportRowView {
  /** "Row 4 · Refused · JS · Y9-0412" */
  text: string;
  /** What the row adds or changes, or why it is refused. */
  detail: string;
  refused: boolean;
}

/** A placements spreadsheet sent in chat: its dry run with Import and Cancel, and then what came of it. */
export interface SpreadsheetImportView extends CardBase {
  card: 'spreadsheetImport';
  /** "placements.csv · 12 rows" */
  about: string;
  /** Created, updated, unchanged and refused, each with its count; none once cancelled. */
  counts: Fact[];
  rows: ImportRowView[];
  /** "and 37 more rows", or empty. */
  more: string;
  /** Columns nobody reads: "Columns left unread: Date of Birth", or empty. */
  unread: string;
  /** What happens next, or what happened. */
  note: string;
}

const OUTCOMES: readonly ImportOutcome[] = ['created', 'updated', 'unchanged', 'refused'];
const OUTCOME_TITLES: Record<ImportOutcome, string> = { created: 'Created', updated: 'Updated', unchanged: 'Unchanged', refused: 'Refused' };

const clipped = (text: string) => (text.length <= DETAIL_MAX ? text : `${text.slice(0, DETAIL_MAX - 1)}…`);
/** The import reports dates as stored (2026-01-12); a card says them as the school does, with the year, as a file can span two. */
const schoolDates = (text: string) => text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso, year: string) => (isValidLocalDate(iso) ? `${shortDate(iso)} ${year}` : iso));
const rowsWord = (n: number) => `${n} row${n === 1 ? '' : 's'}`;

function rowViews(rows: readonly ImportRowLine[]): Pick<SpreadsheetImportView, 'rows' | 'more'> {
  // The refused rows first: they are what stops the import.
  const ordered = [...rows].sort((a, b) => Number(b.outcome === 'refused') - Number(a.outcome === 'refused') || a.row - b.row);
  const shown = ordered.slice(0, IMPORT_ROWS_SHOWN);
  const rest = ordered.length - shown.length;
  return {
    rows: shown.map((r) => ({
      text: [`Row ${r.row}`, OUTCOME_TITLES[r.outcome], ...(r.pupil ? [`${r.pupil.initials} · ${r.pupil.ref}`] : [])].join(' · '),
      detail: clipped(schoolDates(r.detail)),
      refused: r.outcome === 'refused',
    })),
    more: rest > 0 ? `and ${rest} more row${rest === 1 ? '' : 's'}` : '',
  };
}

function base(fileName: string, rows: readonly ImportRowLine[], ignoredColumns: readonly string[]) {
  return {
    card: 'spreadsheetImport' as const,
    about: `${fileName} · ${rowsWord(rows.length)}`,
    counts: OUTCOMES.map((o) => ({ title: OUTCOME_TITLES[o], value: String(rows.filter((r) => r.outcome === o).length) })),
    ...rowViews(rows),
    unread: ignoredColumns.length > 0 ? `Columns left unread: ${ignoredColumns.join(', ')}` : '',
    placementId: null,
    version: null,
    participants: [],
  };
}

function pressing(verb: 'importSpreadsheet' | 'cancelImport', title: string, key: string, fileName: string, style: ViewAction['style']): ViewAction {
  return placementAction(null, { verb, title, style, variant: key, input: { key, file: fileName } });
}

/**
 * The dry run of a spreadsheet sent in chat: what each row would do, nothing written yet. Import
 * and Cancel are offered only while the file is held for import (`key`) and when importing it
 * would change something.
 */
export function spreadsheetDryRun(fileName: string, plan: { rows: readonly ImportRowLine[]; ignoredColumns: readonly string[] }, key: string | undefined, until: Date, school: School): SpreadsheetImportView {
  const refused = plan.rows.filter((r) => r.outcome === 'refused').length;
  const changes = plan.rows.filter((r) => r.outcome === 'created' || r.outcome === 'updated').length;
  const common = base(fileName, plan.rows, plan.ignoredColumns);
  if (refused > 0 || key === undefined)
    return {
      ...common,
      title: 'This spreadsheet cannot be imported as it is',
      note: `Nothing was imported: an import is all or nothing, and ${rowsWord(refused)} ${refused === 1 ? 'is' : 'are'} refused. Fix ${refused === 1 ? 'it' : 'them'} and send the file again.`,
      actions: [],
    };
  if (plan.rows.length === 0) return { ...common, title: 'Nothing to import', note: 'The spreadsheet has no rows under its header row. Nothing was changed.', actions: [] };
  if (changes === 0) return { ...common, title: 'Nothing to import', note: 'Every placement in this spreadsheet is already recorded as it says. Nothing was changed.', actions: [] };
  return {
    ...common,
    title: 'Check before importing',
    note: `Nothing is imported yet. Import writes every row or none, and waits for you until ${moment(until, school)}.`,
    actions: [pressing('importSpreadsheet', 'Import', key, fileName, 'positive'), pressing('cancelImport', 'Cancel', key, fileName, 'default')],
  };
}

/** After Import: what was written, by whom and when, with no button left to press twice. */
export function spreadsheetImported(fileName: string, plan: { rows: readonly ImportRowLine[]; ignoredColumns: readonly string[] }, written: number, by: string, at: Date, school: School): SpreadsheetImportView {
  const refused = plan.rows.filter((r) => r.outcome === 'refused').length;
  // Planned again at the press: a placement changed since the dry run can refuse a row now.
  if (refused > 0)
    return {
      ...base(fileName, plan.rows, plan.ignoredColumns),
      title: 'Not imported',
      note: `Something changed since the dry run and ${rowsWord(refused)} ${refused === 1 ? 'is' : 'are'} now refused. Nothing was imported: fix ${refused === 1 ? 'it' : 'them'} and send the file again.`,
      actions: [],
    };
  return {
    ...base(fileName, plan.rows, plan.ignoredColumns),
    title: 'Imported',
    note: `${staffName(school, by)} imported this spreadsheet, ${moment(at, school)}: ${written} placement${written === 1 ? '' : 's'} created or updated, each in the audit log.`,
    actions: [],
  };
}

/** After Cancel: nothing was imported. */
export function spreadsheetCancelled(fileName: string, viewer: Viewer, at: Date, school: School): SpreadsheetImportView {
  return {
    ...base(fileName, [], []),
    about: fileName,
    counts: [],
    title: 'Import cancelled',
    note: `${staffName(school, viewer.staffId)} cancelled the import, ${moment(at, school)}. Nothing was imported.`,
    actions: [],
  };
}
