import { z } from 'zod';
import { AppError, ErrorCode } from '../core/errors.ts';
import { placementSchema, type Placement } from '../core/placement/placement.ts';
import { parseOrThrow } from '../core/validation.ts';
import { withSharedProviders } from '../core/provider/provider.ts';
import { readText } from './schoolFile.ts';

const placementsSchema = z.array(placementSchema).superRefine((placements, ctx) => {
  const seen = new Set<string>();
  placements.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `is used twice (${p.id})` });
    seen.add(p.id);
  });
});

/**
 * Reads a placements file: a JSON array in the import format (README, "Placements"). A provider
 * embedded in several placements is one provider, merged by its id.
 */
export function loadPlacementsFile(path: string): Placement[] {
  const text = readText(path, 'the placements file');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `${path} is not valid JSON: ${(error as Error).message}`);
  }
  return withSharedProviders(parseOrThrow(placementsSchema, document, path));
}
