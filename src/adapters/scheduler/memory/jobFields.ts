import { isDeepStrictEqual } from 'node:util';
import type { JobParameters, JobsSort, SortDirection } from 'agenda';

/**
 * Fields only the job processor writes (through `saveJobState`, `lockJob`, `getNextJobToRun`).
 * A plain `saveJob` of an existing job keeps them, so re-saving a job (or calling `every()` again
 * at start-up) never drops another instance's lock.
 */
export const processorFields = [
  'lockedAt',
  'lastRunAt',
  'lastFinishedAt',
  'failedAt',
  'failCount',
  'failReason',
  'progress',
] as const satisfies readonly (keyof JobParameters)[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function valueAtPath(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * `unique()` takes a MongoDB-style filter (`{ 'data.userId': 5 }`); in memory only equality on
 * dotted paths has a meaning, so an operator is refused rather than silently never matching.
 */
export function assertEqualityOnly(unique: Record<string, unknown>): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    if (!isPlainObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('$')) {
        throw new Error(`The in-memory agenda backend supports equality in unique(), not the operator "${key}"`);
      }
      visit(child);
    }
  };
  visit(unique);
}

export function matchesUnique(job: JobParameters, unique: Record<string, unknown>): boolean {
  return Object.entries(unique).every(([path, expected]) => isDeepStrictEqual(valueAtPath(job, path), expected));
}

/** Partial match as MongoDB's flattened `data.*` filter: every given leaf must equal the job's. */
export function matchesData(jobData: unknown, filter: unknown): boolean {
  if (!isPlainObject(filter)) return isDeepStrictEqual(jobData, filter);
  return Object.entries(filter).every(([key, expected]) =>
    isPlainObject(expected)
      ? matchesData(valueAtPath(jobData, key), expected)
      : isDeepStrictEqual(valueAtPath(jobData, key), expected),
  );
}

type SortKey = keyof JobsSort;
type Sortable = Pick<JobParameters, SortKey>;

/** MongoDB orders a missing or null value before any present one. */
function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? -1 : 1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** A comparator for `[field, direction]` pairs, applied in order; ties keep insertion order. */
export function compareBy(order: readonly (readonly [SortKey, SortDirection])[]): (a: Sortable, b: Sortable) => number {
  return (a, b) => {
    for (const [field, direction] of order) {
      const result = compareValues(a[field], b[field]);
      if (result !== 0) return direction === 'asc' ? result : -result;
    }
    return 0;
  };
}
