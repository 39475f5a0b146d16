// JSON whose Dates come back as Dates: each is written as `{ "$date": "<ISO instant>" }` and read
// back from an object with that one key. The journal and the backup file both use it.

/**
 * Rather than a replacer, which JSON.stringify would call for every key of every record (twice the
 * time for a sweep's outbox), Dates tag themselves for the length of this one synchronous call.
 */
export function stringifyTagged(value: unknown): string {
  return taggingDates(() => JSON.stringify(value));
}

/** Runs `work`, which must be synchronous, with every `JSON.stringify` in it writing tagged Dates. */
export function taggingDates<T>(work: () => T): T {
  const toJSON = Date.prototype.toJSON;
  Date.prototype.toJSON = taggedDate as unknown as typeof toJSON;
  try {
    return work();
  } finally {
    Date.prototype.toJSON = toJSON;
  }
}

function taggedDate(this: Date): { $date: string } {
  return { $date: this.toISOString() };
}

/** Parses JSON written by `stringifyTagged`; throws as JSON.parse does. */
export function parseTagged(json: string): unknown {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = (value as { $date?: unknown }).$date;
      if (Object.keys(value).length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  });
}
