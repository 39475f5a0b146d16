/**
 * A deep copy of plain data (objects, arrays, Dates) with `undefined` properties dropped, so the
 * memory store, its JSON journal and MongoDB all keep exactly the same shape.
 */
export function plainCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return structuredClone(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = copy(item);
    return out;
  }
  return value;
}
