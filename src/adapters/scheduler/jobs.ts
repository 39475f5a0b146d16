import type { Agenda } from 'agenda';
import { isWeekend } from '../../core/calendar/localDate.ts';
import { instantAt, localDateOf, type LocalTime } from '../../core/calendar/localTime.ts';
import { isDuplicateKeyError } from '../storage/mongo/duplicateKey.ts';

export interface JobWork {
  sweep(): Promise<void>;
  deliver(): Promise<void>;
  digest(): Promise<void>;
}

export interface JobTimes {
  /** How often everything is swept, and the outbox delivered, ms. */
  sweepEvery: number;
  deliverEvery: number;
  /** When the morning digest goes on a weekday, by the school's clock. */
  digestAt: LocalTime;
  /** The attendance cut-offs, by the school's clock: a sweep at each, so a missing mark is chased at once. */
  cutoffsAt: readonly LocalTime[];
  timezone: string;
}

export const JOB_NAMES = ['sweep', 'deliver', 'school clock'] as const;

/** How often the school's clock is looked at for the digest and the cut-offs, ms: each comes at most this late. */
export const SCHOOL_CLOCK_EVERY = 20_000;

/**
 * The bot's only jobs: a few generic ones, never one per reminder. Every one repeats at a plain
 * interval; what happens at a time of the school day is found by the school-clock job, by the
 * school's own calendar, not by a cron expression read in the school's time zone (which would have
 * the scheduler's date library load the runtime's time-zone tables for good).
 */
export async function scheduleJobs(agenda: Agenda, work: JobWork, times: JobTimes, now: () => Date = () => new Date()): Promise<void> {
  const clock = schoolClock(times, now);
  agenda.define('sweep', () => work.sweep());
  agenda.define('deliver', () => work.deliver());
  agenda.define('school clock', async () => {
    const { digest, cutoff } = clock.look();
    if (digest) await work.digest();
    if (cutoff) await work.sweep();
  });
  await everyOnce(agenda, times.sweepEvery, 'sweep');
  await everyOnce(agenda, times.deliverEvery, 'deliver');
  await everyOnce(agenda, SCHOOL_CLOCK_EVERY, 'school clock');
  // An earlier apbot kept a job per cut-off and one for the digest in the same store: gone, they would never run.
  await agenda.cancel({ notNames: [...JOB_NAMES] });
  await agenda.start();
}

/**
 * What has come round on the school's clock since it was last looked at: the morning digest, an
 * attendance cut-off. Weekdays only. A bot just started looks one interval back, as a cron would:
 * a digest its start came after is not sent late, in the middle of the day (the bot's own nudges
 * go out as ever). Two bots that look at once may both see a moment: both sweep, which changes
 * nothing the second time, and the digest goes to each person once a day whoever sends it.
 */
export function schoolClock(times: Pick<JobTimes, 'digestAt' | 'cutoffsAt' | 'timezone'>, now: () => Date) {
  let lastLook: number | undefined;
  return {
    look(): { digest: boolean; cutoff: boolean } {
      const at = now().getTime();
      const since = lastLook ?? at - SCHOOL_CLOCK_EVERY;
      lastLook = at;
      const today = localDateOf(new Date(at), times.timezone);
      if (isWeekend(today)) return { digest: false, cutoff: false };
      const cameSince = (time: LocalTime, from: number) => {
        const instant = instantAt(today, time, times.timezone).getTime();
        return instant > from && instant <= at;
      };
      return { digest: cameSince(times.digestAt, since), cutoff: times.cutoffsAt.some((time) => cameSince(time, since)) };
    },
  };
}

/**
 * A recurring job, made once however many replicas start together: on MongoDB a unique index
 * (`ensureOneRecurringJobPerName`) refuses a second one, and that refusal means it is already there.
 */
async function everyOnce(agenda: Agenda, everyMs: number, name: string): Promise<void> {
  try {
    await agenda.every(everyMs, name);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
