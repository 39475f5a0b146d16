import { parse } from 'yaml';
import { importMappingSchema, type ImportMapping } from '../app/import/placementColumns.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import { parseOrThrow } from '../core/validation.ts';
import { readText } from './schoolFile.ts';

/** Reads a mapping file (README, "Bring your school's data in"): the export's own names for things. */
export function loadImportMappingFile(path: string): ImportMapping {
  const text = readText(path, 'the mapping file');
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `${path} is not valid YAML: ${(error as Error).message}`);
  }
  return parseOrThrow(importMappingSchema, document ?? {}, path);
}
