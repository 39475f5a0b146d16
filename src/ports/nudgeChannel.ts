import type { Obligation } from '../core/obligations/obligation.ts';
import type { StaffMember } from '../core/policy/schoolConfig.ts';

/** One obligation as a nudge carries it: enough for a channel to render the reminder card. */
export type NudgeItem = Omit<Obligation, 'dueAt'> & { dueAt: string; pupil: { ref: string; initials: string } };

/** What the nudge engine asks a channel to deliver; the channel renders it with the views. */
export type NudgeMessage =
  | { kind: 'reminder'; schoolId: string; item: NudgeItem }
  | { kind: 'digest'; schoolId: string; items: NudgeItem[] }
  /** At a session's cut-off: every session an attendance officer still has to confirm. */
  | { kind: 'attendance'; schoolId: string; date: string; session: 'am' | 'pm'; items: NudgeItem[] }
  | { kind: 'approval_request'; schoolId: string; placementId: string }
  | { kind: 'concern_alert'; schoolId: string; placementId: string; concernKey: string }
  /** Each school morning, to the AP team channel: what is late or due today, safeguarding left out. */
  | { kind: 'team_overview'; schoolId: string; date: string; items: NudgeItem[] }
  /** To the AP lead: someone no chat has reached for a school day, with what to do. */
  | { kind: 'staff_unreachable'; schoolId: string; staffId: string; since: string };

/** Why a delivery failed, and whether trying again can help. */
export class DeliveryError extends Error {
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;

  constructor(message: string, options: { retryAfterMs?: number; permanent?: boolean } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
  }
}

/** A chat platform (or the console) that can put a message in front of a member of staff. */
export interface NudgeChannel {
  readonly name: string;
  /** Whether this channel knows where to find this person (an id on the platform, a stored conversation). */
  canReach(schoolId: string, staff: StaffMember): boolean | Promise<boolean>;
  /** Delivers, or throws a DeliveryError (a 429 with its Retry-After, a 5xx, or a permanent refusal). */
  send(schoolId: string, staff: StaffMember, message: NudgeMessage, dedupeKey: string): Promise<void>;
  /**
   * For channels that can look up what they already posted: after a crash between sending and
   * recording it, lets the deliverer avoid a second copy.
   */
  wasDelivered?(schoolId: string, staff: StaffMember, dedupeKey: string): Promise<boolean>;
  /** The school's AP team channel on this platform, once a leader has chosen one with `post here`. */
  teamChannel?: {
    chosen(schoolId: string): Promise<boolean>;
    /** Posts there, or throws a DeliveryError like `send`. */
    post(schoolId: string, message: NudgeMessage, dedupeKey: string): Promise<void>;
  };
}
