import { createHash } from 'node:crypto';
import { parseTagged, taggingDates } from '../taggedJson.ts';
import type { OutboxEntry } from '../../../ports/nudgeOutbox.ts';
import { CHANGE_KINDS, type Change, type NextDueAtChange } from './journalDatabase.ts';

// A journal line is `<checksum> <json>\n`, the JSON being `{"changes":[...]}` with tagged Dates
// and the checksum the first 16 hex digits of the JSON's SHA-256.
const SUM_CHARS = 16;
const BEFORE_CHANGES = `${' '.repeat(SUM_CHARS)} {"changes":[`;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const FIRST_CAPACITY = 1 << 16;

function checksum(json: string | Buffer): string {
  return createHash('sha256').update(json).digest('hex').slice(0, SUM_CHARS);
}

/**
 * Journal lines written straight into bytes, one after another. Each change becomes JSON on its
 * own, a short string soon collected, and is copied into a buffer that can be kept from batch to
 * batch; the checksum is taken over the bytes. A line is never one string: a sweep's line holds a
 * school's hundreds of nudges, and a string that long is made in the old generation, where a
 * trust's cut-off sweep made enough of them to set off a full collection of its whole heap.
 */
export class JournalLines {
  #bytes = Buffer.allocUnsafeSlow(FIRST_CAPACITY);
  #length = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Bytes it can hold before it grows. */
  get capacity(): number {
    return this.#bytes.length;
  }

  /** Adds one commit's line; if a change cannot be written as JSON, throws and adds nothing. */
  add(changes: readonly Change[]): void {
    const start = this.#length;
    try {
      this.#write(BEFORE_CHANGES);
      taggingDates(() => {
        for (let i = 0; i < changes.length; i++) {
          if (i > 0) this.#byte(COMMA);
          this.#change(changes[i] as Change);
        }
      });
      this.#write(']}');
    } catch (error) {
      this.#length = start;
      throw error;
    }
    const json = this.#bytes.subarray(start + SUM_CHARS + 1, this.#length);
    this.#bytes.write(checksum(json), start, 'latin1');
    this.#byte(NEWLINE);
  }

  // A nudge's message, most of its line, is written apart from the fields around it: one string
  // made of all three would be copied whole once more to be written.
  #change(change: Change): void {
    const nudge = change.kind === 'outbox' ? nudgeJson(change.value) : undefined;
    if (!nudge) return this.#write(changeJson(change));
    this.#write(nudge.before);
    this.#write(nudge.message);
    this.#write(nudge.after);
  }

  /** The lines written, sharing this buffer's memory until `clear`. */
  bytes(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }

  clear(): void {
    this.#length = 0;
  }

  #write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.#room(text.length * 3);
    this.#length += this.#bytes.write(text, this.#length);
  }

  #byte(value: number): void {
    this.#room(1);
    this.#bytes[this.#length++] = value;
  }

  #room(bytes: number): void {
    if (this.#length + bytes <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.#bytes.length, this.#length + bytes));
    this.#bytes.copy(grown, 0, 0, this.#length);
    this.#bytes = grown;
  }
}

/**
 * A change as `JSON.stringify` writes it with tagged Dates (Dates are tagging themselves as this
 * runs). A sweep's line is queued nudges and moved placements, so those two are written field by
 * field, in the order the stores build them, without a Date made into an object first; anything
 * not of their usual shape is written the generic way.
 */
function changeJson(change: Change): string {
  if (change.kind === 'outbox') {
    const nudge = nudgeJson(change.value);
    return nudge ? nudge.before + nudge.message + nudge.after : JSON.stringify(change);
  }
  if (change.kind === 'nextDueAt') return moveJson(change.value) ?? JSON.stringify(change);
  return JSON.stringify(change);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? JSON.stringify(value) : undefined);
const instantOrNull = (value: unknown): string | undefined => (value === null ? 'null' : instant(value));
// A sweep's nudges share their instants (queued now, sent from the same moment): the last one is kept written.
let lastInstant = NaN;
let lastWritten = '';
function instant(value: unknown): string | undefined {
  if (!(value instanceof Date)) return undefined;
  const ms = value.getTime();
  if (ms !== lastInstant) {
    lastWritten = `{"$date":"${value.toISOString()}"}`;
    lastInstant = ms;
  }
  return lastWritten;
}

function moveJson({ schoolId, placementId, nextDueAt }: NextDueAtChange['value']): string | undefined {
  const [school, placement, at] = [text(schoolId), text(placementId), instantOrNull(nextDueAt)];
  if (school === undefined || placement === undefined || at === undefined) return undefined;
  return `{"kind":"nextDueAt","value":{"schoolId":${school},"placementId":${placement},"nextDueAt":${at}}}`;
}

/** A queued nudge as JSON, in three parts: before its message, the message, and after it. */
function nudgeJson(e: OutboxEntry): { before: string; message: string; after: string } | undefined {
  const fields = [
    text(e.schoolId),
    text(e.dedupeKey),
    text(e.recipient?.schoolId),
    text(e.recipient?.staffId),
    e.message === undefined ? undefined : JSON.stringify(e.message),
    instant(e.notBefore),
    text(e.id),
    text(e.status),
    Number.isFinite(e.attempts) ? String(e.attempts) : undefined,
    instant(e.nextAttemptAt),
    instantOrNull(e.leaseUntil),
    e.lastError === null ? 'null' : text(e.lastError),
    instant(e.createdAt),
    instantOrNull(e.sentAt),
  ];
  if (fields.includes(undefined)) return undefined;
  const [schoolId, dedupeKey, recipientSchoolId, staffId, message, notBefore, id, status, attempts, nextAttemptAt, leaseUntil, lastError, createdAt, sentAt] = fields as string[];
  return {
    before: `{"kind":"outbox","value":{"schoolId":${schoolId},"dedupeKey":${dedupeKey},"recipient":{"schoolId":${recipientSchoolId},"staffId":${staffId}},"message":`,
    message: message as string,
    after:
      `,"notBefore":${notBefore},"id":${id},"status":${status},"attempts":${attempts},"nextAttemptAt":${nextAttemptAt},` +
      `"leaseUntil":${leaseUntil},"lastError":${lastError},"createdAt":${createdAt},"sentAt":${sentAt}}}`,
  };
}

/** The changes of one line (without its newline), or undefined if it is not a journal line; `unsummed` for journals from before checksums. */
export function decodeLine(line: string, unsummed: boolean): Change[] | undefined {
  const json = unsummed ? line : line.slice(SUM_CHARS + 1);
  if (!unsummed && (line[SUM_CHARS] !== ' ' || checksum(json) !== line.slice(0, SUM_CHARS))) return undefined;
  let parsed: unknown;
  try {
    parsed = parseTagged(json);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || !('changes' in parsed) || !Array.isArray(parsed.changes)) return undefined;
  const changes: unknown[] = parsed.changes;
  const wellFormed = changes.every(
    (c) => c !== null && typeof c === 'object' && 'kind' in c && typeof c.kind === 'string' && CHANGE_KINDS.has(c.kind) && 'value' in c && typeof c.value === 'object' && c.value !== null,
  );
  return wellFormed ? (changes as Change[]) : undefined;
}
