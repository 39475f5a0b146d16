import type { School, StaffMember } from '../core/policy/schoolConfig.ts';
import { DeliveryError, type NudgeChannel, type NudgeItem, type NudgeMessage } from '../ports/nudgeChannel.ts';
import { TEAM_CHANNEL, type NudgeOutbox, type OutboxEntry } from '../ports/nudgeOutbox.ts';
import { nextAllowedTime } from '../nudges/quietHours.ts';
import { localDateOf } from '../core/calendar/localTime.ts';

export interface DeliverOptions {
  /** How many outbox entries one run claims. */
  batch: number;
  /** How long a claim lasts before another deliverer may take the entry. */
  leaseMs: number;
  /** After this many failed attempts an entry is dead-lettered (kept, visible, not retried). */
  maxAttempts: number;
  /** Minimum gap between two messages to one person, per channel (Slack about 1/s, Teams 7/s). */
  pacingMs: Readonly<Record<string, number>>;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_DELIVER_OPTIONS: DeliverOptions = {
  batch: 200,
  leaseMs: 120_000,
  maxAttempts: 6,
  pacingMs: { slack: 1100, teams: 150 },
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const BASE_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
/** Someone no chat reaches yet (they have not opened the bot): look again hourly, never give up. */
const UNREACHABLE_RETRY_MS = 3_600_000;

/**
 * Someone no chat has reached for a whole school day is reported to the AP lead (the headteacher
 * when it is the AP lead), once for each time they start waiting, so nobody waits in silence.
 */
async function reportUnreachable(outbox: NudgeOutbox, school: School, staff: StaffMember, entries: readonly OutboxEntry[], now: Date): Promise<void> {
  const timezone = school.config.school.timezone;
  const since = entries.map((e) => localDateOf(e.createdAt, timezone)).sort()[0];
  const today = localDateOf(now, timezone);
  const { firstDay, lastDay } = school.calendar;
  if (!since || since < firstDay || today > lastDay || school.calendar.schoolDaysBetween(since, today) < 1) return;
  const others = school.config.staff.filter((m) => m.id !== staff.id);
  const leads = others.filter((m) => m.roles.includes('ap_lead'));
  for (const lead of leads.length > 0 ? leads : others.filter((m) => m.roles.includes('headteacher')))
    await outbox.enqueue(
      {
        schoolId: school.id,
        dedupeKey: `unreachable|${staff.id}|${since}|${lead.id}`,
        recipient: { schoolId: school.id, staffId: lead.id },
        message: { kind: 'staff_unreachable', schoolId: school.id, staffId: staff.id, since } satisfies NudgeMessage,
        notBefore: nextAllowedTime(now, school, false),
      },
      now,
    );
}

/** When to try again: as the platform asked (Retry-After), else exponential backoff with jitter. */
export function retryDelayMs(attempts: number, error: unknown, random: () => number): number {
  if (error instanceof DeliveryError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const backoff = Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** attempts);
  return Math.round(backoff * (0.8 + 0.4 * random()));
}

interface Outcome {
  sent: number;
  failed: number;
  dead: number;
}

/**
 * Delivers what is ready in the outbox. A person with more reminders than the school's digest
 * threshold gets one digest. A failure for one person never holds up the others; each failure is
 * retried later, and after too many tries kept as dead.
 */
export async function deliver(
  outbox: NudgeOutbox,
  schools: readonly School[],
  channels: readonly NudgeChannel[],
  now: () => Date,
  options: DeliverOptions = DEFAULT_DELIVER_OPTIONS,
): Promise<Outcome> {
  const outcome: Outcome = { sent: 0, failed: 0, dead: 0 };
  const claimed = await outbox.claim(now(), options.batch, options.leaseMs);
  const byPerson = new Map<string, OutboxEntry[]>();
  for (const entry of claimed) {
    const key = `${entry.recipient.schoolId}|${entry.recipient.staffId}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), entry]);
  }
  const lastSent = new Map<string, number>();

  const fail = async (school: School | undefined, entries: readonly OutboxEntry[], error: unknown, unreachable = false) => {
    const reason = error instanceof Error ? error.message : String(error);
    for (const entry of entries) {
      if (!unreachable && ((error instanceof DeliveryError && error.permanent) || entry.attempts + 1 >= options.maxAttempts)) {
        await outbox.deadLetter(entry.id, reason);
        outcome.dead++;
        continue;
      }
      const retryAt = new Date(now().getTime() + (unreachable ? UNREACHABLE_RETRY_MS : retryDelayMs(entry.attempts, error, options.random)));
      // A retry keeps to quiet hours like the first try (a concern alert may go at any hour of a school day).
      const urgent = (entry.message as NudgeMessage).kind === 'concern_alert';
      await outbox.markFailed(entry.id, reason, school ? nextAllowedTime(retryAt, school, urgent) : retryAt);
      outcome.failed++;
    }
  };

  const send = async (channel: NudgeChannel, schoolId: string, staff: StaffMember, message: NudgeMessage, entries: readonly OutboxEntry[], dedupeKey: string) => {
    const pace = `${channel.name}|${schoolId}|${staff.id}`;
    const gap = options.pacingMs[channel.name] ?? 0;
    const wait = (lastSent.get(pace) ?? -Infinity) + gap - Date.now();
    if (wait > 0) await options.sleep(wait);
    try {
      if (!(channel.wasDelivered && (await channel.wasDelivered(schoolId, staff, dedupeKey)))) await channel.send(schoolId, staff, message, dedupeKey);
      lastSent.set(pace, Date.now());
      for (const entry of entries) await outbox.markSent(entry.id, now());
      outcome.sent += entries.length;
    } catch (error) {
      await fail(schools.find((s) => s.id === schoolId), entries, error);
    }
  };

  /**
   * The team overview goes to the first platform where a leader chose a channel (a school uses
   * one), on its own day only: a morning's list is out of date by the next, which has its own.
   */
  const postToTeam = async (school: School, all: readonly OutboxEntry[]) => {
    const today = localDateOf(now(), school.config.school.timezone);
    const dayOf = (e: OutboxEntry) => ((e.message as NudgeMessage).kind === 'team_overview' ? (e.message as { date: string }).date : today);
    for (const entry of all.filter((e) => dayOf(e) !== today)) {
      await outbox.deadLetter(entry.id, `The overview for ${dayOf(entry)} was not posted that day, and a later one replaces it`);
      outcome.dead++;
    }
    const entries = all.filter((e) => dayOf(e) === today);
    if (entries.length === 0) return;
    let team: NonNullable<NudgeChannel['teamChannel']> | undefined;
    for (const channel of channels) if (!team && channel.teamChannel && (await channel.teamChannel.chosen(school.id))) team = channel.teamChannel;
    if (!team) return fail(school, entries, new DeliveryError('No AP team channel has been chosen on any platform'), true);
    for (const entry of entries)
      try {
        await team.post(school.id, entry.message as NudgeMessage, entry.dedupeKey);
        await outbox.markSent(entry.id, now());
        outcome.sent++;
      } catch (error) {
        await fail(school, [entry], error);
      }
  };

  for (const entries of byPerson.values()) {
    const first = entries[0] as OutboxEntry;
    const school = schools.find((s) => s.id === first.recipient.schoolId);
    if (school && first.recipient.staffId === TEAM_CHANNEL) {
      await postToTeam(school, entries);
      continue;
    }
    const staff = school?.config.staff.find((s) => s.id === first.recipient.staffId);
    if (!school || !staff) {
      await fail(school, entries, new DeliveryError('No such member of staff any more', { permanent: true }));
      continue;
    }
    let channel: NudgeChannel | undefined;
    for (const candidate of channels) if (!channel && (await candidate.canReach(school.id, staff))) channel = candidate;
    if (!channel) {
      await fail(school, entries, new DeliveryError(`No channel reaches ${staff.id} yet (they have not opened a chat with the bot)`), true);
      await reportUnreachable(outbox, school, staff, entries, now());
      continue;
    }

    const kindOf = (e: OutboxEntry) => (e.message as NudgeMessage).kind;
    const reminders = entries.filter((e) => kindOf(e) === 'reminder');
    const others = entries.filter((e) => kindOf(e) !== 'reminder' && kindOf(e) !== 'attendance');
    // A person's attendance entries for one session go out as a single list.
    const sessions = new Map<string, { message: Extract<NudgeMessage, { kind: 'attendance' }>; entries: OutboxEntry[] }>();
    for (const entry of entries.filter((e) => kindOf(e) === 'attendance')) {
      const message = entry.message as Extract<NudgeMessage, { kind: 'attendance' }>;
      const key = `${message.date}|${message.session}`;
      const group = sessions.get(key) ?? { message: { ...message, items: [] }, entries: [] };
      group.message.items.push(...message.items);
      group.entries.push(entry);
      sessions.set(key, group);
    }
    for (const { message, entries: group } of sessions.values())
      await send(channel, school.id, staff, message, group, group.length === 1 ? (group[0] as OutboxEntry).dedupeKey : `attendance|${group.map((e) => e.id).join(',')}`);
    if (reminders.length > school.config.policy.digestThreshold) {
      const items = reminders.map((e) => (e.message as Extract<NudgeMessage, { kind: 'reminder' }>).item as NudgeItem);
      await send(channel, school.id, staff, { kind: 'digest', schoolId: school.id, items }, reminders, `digest|${reminders.map((e) => e.id).join(',')}`);
    } else {
      for (const entry of reminders) await send(channel, school.id, staff, entry.message as NudgeMessage, [entry], entry.dedupeKey);
    }
    for (const entry of others) await send(channel, school.id, staff, entry.message as NudgeMessage, [entry], entry.dedupeKey);
  }
  return outcome;
}
