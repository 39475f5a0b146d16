import type { Agenda } from 'agenda';
import { isDuplicateKeyError } from '../storage/mongo/duplicateKey.ts';

export interface JobWork {
  sweep(): Promise<void>;
  deliver(): Promise<void>;
  digest(): Promise<void>;
}

export interface JobTimes {
  sweepEvery: string;
  deliverEvery: string;
  /** Cron expressions (school time) for the morning digest and the attendance cut-offs. */
  digestCron: string;
  cutoffCrons: readonly string[];
  timezone: string;
}

/** The bot's only jobs: a few generic ones, never one per reminder. */
export async function scheduleJobs(agenda: Agenda, work: JobWork, times: JobTimes): Promise<void> {
  agenda.define('sweep', () => work.sweep());
  agenda.define('deliver', () => work.deliver());
  agenda.define('digest', () => work.digest());
  await everyOnce(agenda, times.sweepEvery, 'sweep');
  await everyOnce(agenda, times.deliverEvery, 'deliver');
  await everyOnce(agenda, times.digestCron, 'digest', times.timezone);
  // agenda keeps one recurring job per name, so each cut-off gets its own.
  for (const cron of times.cutoffCrons) {
    agenda.define(`sweep at ${cron}`, () => work.sweep());
    await everyOnce(agenda, cron, `sweep at ${cron}`, times.timezone);
  }
  await agenda.start();
}

/**
 * A recurring job, made once however many replicas start together: on MongoDB a unique index
 * (`ensureOneRecurringJobPerName`) refuses a second one, and that refusal means it is already there.
 */
async function everyOnce(agenda: Agenda, interval: string, name: string, timezone?: string): Promise<void> {
  try {
    await agenda.every(interval, name, undefined, timezone === undefined ? undefined : { timezone });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
