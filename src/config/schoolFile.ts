import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError, ErrorCode } from '../core/errors.ts';
import { loadSchool, type School } from '../core/policy/schoolConfig.ts';

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new AppError(ErrorCode.InvalidInput, `Cannot read ${what} ${path}: ${reason}.`);
  }
}

/** Reads and validates one school's YAML config file. */
export function loadSchoolFile(path: string): School {
  const text = readText(path, 'the school config');
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidConfig, `${path} is not valid YAML: ${(error as Error).message}`);
  }
  try {
    return loadSchool(document);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${path}: ${error.message}`, error.problems);
    throw error;
  }
}

/** Every `*.yaml`/`*.yml` in a directory, one school each (a trust's schools). */
export function loadSchoolsDir(dir: string): School[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    throw new AppError(ErrorCode.InvalidConfig, `Cannot read the schools directory ${dir}.`);
  }
  if (names.length === 0) throw new AppError(ErrorCode.InvalidConfig, `${dir} holds no school config (*.yaml).`);
  const schools = names.map((name) => loadSchoolFile(join(dir, name)));
  const ids = new Set<string>();
  for (const school of schools) {
    if (ids.has(school.id)) throw new AppError(ErrorCode.InvalidConfig, `Two schools in ${dir} have the id ${school.id}; set school.id in one of them.`);
    ids.add(school.id);
  }
  return schools;
}
