import { parse } from 'csv-parse/sync';
import { AppError, ErrorCode } from '../../core/errors.ts';

/** One data row of a spreadsheet: its row number as the spreadsheet shows it (the header is row 1). */
export interface CsvRow {
  number: number;
  cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  headers: readonly string[];
  rows: readonly CsvRow[];
}

// Node decodes windows-1252 as Latin-1, which has control codes where Excel keeps curly quotes and dashes.
const WINDOWS_1252_C1 = [...'\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178'];

/**
 * Text as spreadsheets save it: UTF-8 (with or without a byte-order mark), or Excel's Windows-1252
 * "CSV" on older machines, which is not valid UTF-8 wherever it holds an accent or a curly quote.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_C1[b - 0x80] : String.fromCharCode(b))).join('');
  }
}

// Excel in a European locale writes semicolons; some MIS reports write tabs.
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Reads a CSV export: the first row names the columns, quoted fields may hold commas, quotes and
 * line breaks, and rows with nothing in them (the blank rows a spreadsheet leaves at the end) are
 * skipped without shifting the row numbers.
 */
export function readCsvTable(text: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `The file is not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  const headers = (header ?? []).map((h) => h.trim());
  if (headers.every((h) => h === '')) throw new AppError(ErrorCode.InvalidInput, 'The file is empty: its first row should name the columns.');
  const rows: CsvRow[] = [];
  body.forEach((record, i) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, c) => {
      if (h !== '') cells[h] = (record[c] ?? '').trim();
    });
    rows.push({ number: i + 2, cells });
  });
  return { headers: headers.filter((h) => h !== ''), rows };
}
