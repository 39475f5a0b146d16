/**
 * Freezes plain data in place, all the way down, so it can be shared with every reader instead of
 * copied for each. A Date cannot be frozen: whoever hands one out hands out a copy. What is frozen
 * already is taken as frozen all the way down. `eachString`, if given, is shown every string met
 * on the way and its answer kept in the string's place (an equal string, kept in another form).
 */
export function deepFreeze<T>(value: T, eachString?: (text: string) => string): T {
  if (value === null || typeof value !== 'object' || value instanceof Date || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string') deepFreeze(item, eachString);
      else if (eachString) value[i] = eachString(item);
    }
  } else {
    const record = value as Record<string, unknown>;
    // `for…in` rather than Object.keys: no array made for each object (a trust's import freezes millions).
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item !== 'string') deepFreeze(item, eachString);
      else if (eachString) record[key] = eachString(item);
    }
  }
  return Object.freeze(value);
}
