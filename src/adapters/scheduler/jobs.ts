import type { Agenda } from 'agenda';

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
  await agenda.every(times.sweepEvery, 'sweep');
  await agenda.every(times.deliverEvery, 'deliver');
  await agenda.every(times.digestCron, 'digest', undefined, { timezone: times.timezone });
  // agenda keeps one recurring job per name, so each cut-off gets its own.
  for (const cron of times.cutoffCrons) {
    agenda.define(`sweep at ${cron}`, () => work.sweep());
    await agenda.every(cron, `sweep at ${cron}`, undefined, { timezone: times.timezone });
  }
  await agenda.start();
}
