/**
 * Freezes plain data in place, all the way down, so it can be shared with every reader instead of
 * copied for each. A Date cannot be frozen: whoever hands one out hands out a copy. What is frozen
 * already is taken as frozen all the way down. `eachString`, if given, sees every string met.
 */
export function deepFreeze<T>(value: T, eachString?: (text: string) => void): T {
  if (typeof value === 'string') eachString?.(value);
  if (value === null || typeof value !== 'object' || value instanceof Date || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (const item of value) deepFreeze(item, eachString);
  // `for…in` rather than Object.keys: no array made for each object (a trust's import freezes millions).
  else for (const key in value) if (Object.hasOwn(value, key)) deepFreeze((value as Record<string, unknown>)[key], eachString);
  return Object.freeze(value);
}
