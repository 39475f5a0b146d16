import { renameSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { CalendarDocument } from '../app/import/termDates.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { loadSchool, type School } from '../core/policy/schoolConfig.ts';
import { readText } from './schoolFile.ts';

/**
 * Changes the calendar in a school's YAML file, keeping its comments and everything else, and
 * writes it only if the whole file is still valid (atomically: a crash leaves the old file or the new).
 */
export function updateSchoolCalendar(path: string, change: (calendar: CalendarDocument, school: School) => CalendarDocument, options: { write: boolean }): School {
  const text = readText(path, 'the school config');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new AppError(ErrorCode.InvalidConfig, `${path} is not valid YAML: ${doc.errors[0]?.message}`);
  const before = loadSchoolOrThrow(path, doc.toJS());
  const calendar = change({
    terms: before.config.calendar.terms.map(({ halfTermBreak, ...t }) => ({ ...t, ...(halfTermBreak ? { halfTermBreak } : {}) })),
    closures: before.config.calendar.closures,
    ...(before.config.calendar.bankHolidays ? { bankHolidays: before.config.calendar.bankHolidays } : {}),
  }, before);
  doc.setIn(['calendar', 'terms'], doc.createNode(calendar.terms));
  doc.setIn(['calendar', 'closures'], doc.createNode(calendar.closures.map((c) => doc.createNode(c, { flow: true }))));
  if (calendar.bankHolidays) {
    const list = doc.createNode(calendar.bankHolidays);
    list.flow = true;
    doc.setIn(['calendar', 'bankHolidays'], list);
  }
  const after = loadSchoolOrThrow(path, doc.toJS());
  if (options.write) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, doc.toString({ lineWidth: 120 }));
    renameSync(temporary, path);
  }
  return after;
}

function loadSchoolOrThrow(path: string, document: unknown): School {
  try {
    return loadSchool(document);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${path}: ${error.message}`, error.problems);
    throw error;
  }
}
