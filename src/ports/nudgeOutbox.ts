/**
 * The recipient id of the school's AP team channel (the shared channel a leader chose with
 * `post here`). Staff ids never start with `#`, so it cannot be anyone's.
 */
export const TEAM_CHANNEL = '#team';

/** Who a nudge is for: a staff member of a school, or its AP team channel. The channel adapter finds where they are. */
export interface Recipient {
  schoolId: string;
  /** A staff id, or TEAM_CHANNEL. */
  staffId: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface OutboxEntryInput {
  schoolId: string;
  /** Unique: the same nudge is never enqueued twice. */
  dedupeKey: string;
  recipient: Recipient;
  /** Channel-neutral message (a view model); opaque to the store. */
  message: unknown;
  /** Not delivered before this instant (quiet hours). */
  notBefore: Date;
}

export interface OutboxEntry extends OutboxEntryInput {
  id: string;
  status: OutboxStatus;
  attempts: number;
  /** When it may next be claimed. */
  nextAttemptAt: Date;
  /** While `sending`: the claim runs out at this instant and the entry may be claimed again. */
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxQuery {
  status?: readonly OutboxStatus[];
  staffId?: string;
}

export interface NudgeOutbox {
  /** Adds a nudge; `created` is false (and the first entry returned) when the dedupe key is known. */
  enqueue(entry: OutboxEntryInput, now: Date): Promise<{ entry: OutboxEntry; created: boolean }>;
  /**
   * Adds many nudges as `enqueue` adds one (a dedupe key already known, or repeated in `entries`,
   * adds nothing), in one write where the store can; returns how many were added. A sweep queues
   * its nudges this way, so a journal on disk syncs once for many of them.
   */
  enqueueAll(entries: readonly OutboxEntryInput[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` entries ready at `now` (pending or failed with `nextAttemptAt <= now`, or
   * `sending` with an expired lease), oldest `nextAttemptAt` first, leasing each until `now + leaseMs`
   * (which becomes its `nextAttemptAt`: when it may be claimed again).
   * Two claims never get the same entry while its lease runs.
   */
  claim(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  markSent(id: string, at: Date): Promise<void>;
  /** Records a failed attempt (attempts + 1) and when to try again. */
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Gives up: the entry stays visible as `dead`. */
  deadLetter(id: string, error: string): Promise<void>;
  /** Entries of a school, oldest first. */
  list(schoolId: string, query?: OutboxQuery): Promise<OutboxEntry[]>;
}
