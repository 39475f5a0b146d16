/**
 * A deep copy of plain data (objects, arrays, Dates) with `undefined` properties dropped, so the
 * memory store, its JSON journal and MongoDB all keep exactly the same shape.
 */
export function plainCopy<T>(value: T): T {
  return copy(value) as T;
}

const hasOwn = Object.prototype.hasOwnProperty;

// Walks keys in place (no entries arrays): the embedded store copies every record it hands out.
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    if (!hasOwn.call(source, key)) continue;
    const item = source[key];
    if (item !== undefined) out[key] = copy(item);
  }
  return out;
}

/**
 * Makes a string one flat run of characters. V8 keeps a string built piece by piece (a UUID, a key
 * joined from parts) as a tree of its pieces, several times its own size (a UUID from
 * `randomUUID` takes about 480 bytes instead of 56). `trim` flattens it first, and its answer is
 * kept when it is the whole string: reading one character flattened it in place on Node 20 but
 * no longer does on Node 24, where a trust's data took half as much memory again. For strings a
 * store keeps for a long time.
 */
export function flat<T extends string | null>(value: T): T {
  if (value === null) return value;
  const trimmed = value.trim();
  return (trimmed.length === value.length ? trimmed : value) as T;
}
