/** What happened, by whom, when: the record a school shows an inspector. Never holds personal data. */
export interface AuditEntryInput {
  schoolId: string;
  at: Date;
  /** Staff id, or for an unknown person the channel's opaque id (`teams:…`, `slack:…`). */
  actor: string;
  /** The role the actor acted in, or null when they hold none. */
  role: string | null;
  /** The use case (`recordReview`) or refusal (`refused:recordReview`). */
  action: string;
  placementId: string | null;
  idempotencyKey: string | null;
  outcome: 'recorded' | 'refused';
  /** Plain words without names or concern details: "Half-term review recorded (outcome: continue)". */
  summary: string;
}

export interface AuditEntry extends AuditEntryInput {
  id: string;
  /** Position in the school's log: strictly increasing. */
  seq: number;
}

export interface AuditQuery {
  placementId?: string;
  actor?: string;
  since?: Date;
  limit?: number;
}

/** Append-only: entries can be added and read, never changed or removed. */
export interface AuditLog {
  /** Adds an entry; an entry with an idempotency key already logged is not added again (the first is returned). */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** A school's entries, oldest first. */
  list(schoolId: string, query?: AuditQuery): Promise<AuditEntry[]>;
}
