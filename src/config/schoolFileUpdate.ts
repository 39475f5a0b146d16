import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { CalendarDocument } from '../app/import/termDates.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { loadSchool, type School, type StaffMember } from '../core/policy/schoolConfig.ts';
import { readText } from './schoolFile.ts';

/**
 * Changes part of a school's YAML file, keeping its comments and everything else, and writes it
 * only if the whole file is still valid (atomically: a crash leaves the old file or the new).
 */
function updateSchoolFile(path: string, change: (doc: Document, school: School) => void, options: { write: boolean }): School {
  const doc = parseDocument(readText(path, 'the school config'));
  if (doc.errors.length > 0) throw new AppError(ErrorCode.InvalidConfig, `${path} is not valid YAML: ${doc.errors[0]?.message}`);
  change(doc, loadSchoolOrThrow(path, doc.toJS()));
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

/** Changes the calendar in a school's file: its terms, closures and bank holidays. */
export function updateSchoolCalendar(path: string, change: (calendar: CalendarDocument, school: School) => CalendarDocument, options: { write: boolean }): School {
  return updateSchoolFile(
    path,
    (doc, before) => {
      const current = before.config.calendar;
      const calendar = change(
        {
          terms: current.terms.map(({ halfTermBreak, ...t }) => ({ ...t, ...(halfTermBreak ? { halfTermBreak } : {}) })),
          closures: current.closures,
          ...(current.bankHolidays ? { bankHolidays: current.bankHolidays } : {}),
        },
        before,
      );
      doc.setIn(['calendar', 'terms'], doc.createNode(calendar.terms));
      doc.setIn(['calendar', 'closures'], doc.createNode(calendar.closures.map((c) => doc.createNode(c, { flow: true }))));
      if (calendar.bankHolidays) doc.setIn(['calendar', 'bankHolidays'], doc.createNode(calendar.bankHolidays, { flow: true }));
    },
    options,
  );
}

/** Changes the staff list in a school's file. */
export function updateSchoolStaff(path: string, change: (staff: StaffMember[], school: School) => StaffMember[], options: { write: boolean }): School {
  // One key order for every member, so writing the same list again writes the same file.
  const ordered = ({ id, name, email, roles, teams, slack }: StaffMember) => ({ id, name, ...(email ? { email } : {}), roles, ...(teams ? { teams } : {}), ...(slack ? { slack } : {}) });
  return updateSchoolFile(path, (doc, before) => doc.setIn(['staff'], doc.createNode(change(before.config.staff, before).map(ordered))), options);
}

/** The file in SCHOOLS_DIR that holds the school with this id (or the file named, if it is one). */
export function schoolFileOf(schoolsDir: string | undefined, idOrPath: string | undefined): string {
  if (idOrPath && /\.ya?ml$/.test(idOrPath)) return idOrPath;
  if (!schoolsDir) throw new AppError(ErrorCode.InvalidInput, 'Set SCHOOLS_DIR to the folder of school files, or give the school file itself with --school <school.yaml>.');
  const files = readdirSync(schoolsDir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(schoolsDir, name));
  const schools = files.map((file) => ({ file, id: loadSchoolOrThrow(file, parseDocument(readText(file, 'the school config')).toJS()).id }));
  if (idOrPath === undefined && schools.length === 1) return (schools[0] as { file: string }).file;
  const found = schools.find((s) => s.id === idOrPath);
  if (!found) throw new AppError(ErrorCode.InvalidInput, `--school must be one of: ${schools.map((s) => s.id).join(', ')}.`);
  return found.file;
}
