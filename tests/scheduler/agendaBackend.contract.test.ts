/**
 * agenda's own promises to a backend, run against ours.
 *
 * Ported (rewritten, assertions kept) from agenda's shared backend suite, which agenda 6.2.6 does
 * not ship in its npm package (its "./testing" export points at files left out of the tarball):
 * github.com/agenda/agenda packages/agenda/test/shared/
 *   repository-test-suite.ts      all of it
 *   agenda-test-suite.ts          every/schedule/now/queryJobs/cancel/disable-enable/processing/
 *                                 locking/priority/purge/unique/Job save-remove-run-touch/
 *                                 repeating/error handling
 *   jobprocessor-test-suite.ts    queue size, lock lifetime expiry, touch
 *   debounce-test-suite.ts        all of it
 *   retry-test-suite.ts           retry via attrs.nextRunAt and via schedule()
 *   backoff-test-suite.ts         auto-retry integration
 *   removeoncomplete-test-suite.ts  removal of finished one-off jobs
 * Left out, as they test agenda rather than the backend or cannot apply in memory: the Job
 * class's pure setters, callback/async handling, events, drain, concurrency and lock limits,
 * notification channels (this backend has none, like MongoBackend), fork mode (a forked child
 * cannot see the parent's memory), backoff maths, job logger (this backend has no logger).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, constant, type AgendaBackend, type Job, type JobParameters, type JobRepository } from 'agenda';
import type { Connection } from 'mongoose';
import { InMemoryAgendaBackend } from '../../src/adapters/scheduler/memory/inMemoryAgendaBackend.ts';
import { connectMongo } from '../../src/adapters/storage/mongo/connectMongo.ts';
import { eventCount, nextEvent, pause, runNowAndWait } from './agendaEvents.ts';

interface BackendUnderTest {
  create(): Promise<AgendaBackend>;
  destroy(backend: AgendaBackend): Promise<void>;
}

const minute = 60_000;
const ago = (ms: number): Date => new Date(Date.now() - ms);
const fromNow = (ms: number): Date => new Date(Date.now() + ms);

function aJob(overrides: Partial<JobParameters> = {}): JobParameters {
  return { name: 'a-job', priority: 0, nextRunAt: new Date(), type: 'normal', data: {}, ...overrides };
}

function agendaBackendContract(name: string, subject: BackendUnderTest): void {
  describe(`${name}: agenda's JobRepository contract`, () => {
    let backend: AgendaBackend;
    let repo: JobRepository;

    beforeEach(async () => {
      backend = await subject.create();
      repo = backend.repository;
    });
    afterEach(async () => {
      await repo.purgeAllJobs();
      await subject.destroy(backend);
    });

    /** Arguments for getNextJobToRun as JobProcessor passes them: scan ahead 5 s, 10-minute locks. */
    const scanWindow = (): [Date, Date, Date] => {
      const now = new Date();
      return [new Date(now.getTime() + 5000), new Date(now.getTime() - 10 * minute), now];
    };

    describe('saveJob', () => {
      it('gives a new job an id and keeps what it was given', async () => {
        const saved = await repo.saveJob(aJob({ name: 'test-job', priority: 10, data: { foo: 'bar' } }), undefined);
        expect(saved._id).toBeDefined();
        expect(saved).toMatchObject({ name: 'test-job', priority: 10, type: 'normal', data: { foo: 'bar' } });
      });

      it('updates a job that has an id', async () => {
        const saved = await repo.saveJob(aJob({ priority: 5, data: { version: 1 } }), undefined);
        const updated = await repo.saveJob({ ...saved, priority: 20, data: { version: 2 } }, undefined);
        expect(updated._id).toBe(saved._id);
        expect(updated.priority).toBe(20);
        expect(updated.data).toEqual({ version: 2 });
      });

      it('keeps one job per name for type "single" (what every() uses)', async () => {
        const first = await repo.saveJob(aJob({ name: 'single-job', type: 'single', priority: 5, nextRunAt: fromNow(minute), data: { run: 1 } }), undefined);
        const second = await repo.saveJob(aJob({ name: 'single-job', type: 'single', priority: 10, nextRunAt: fromNow(2 * minute), data: { run: 2 } }), undefined);
        expect(second._id).toBe(first._id);
        expect(second.priority).toBe(10);
        expect(second.data).toEqual({ run: 2 });
        expect((await repo.queryJobs({ name: 'single-job' })).total).toBe(1);
      });

      it('keeps the disabled flag', async () => {
        const saved = await repo.saveJob(aJob({ disabled: true }), undefined);
        expect(saved.disabled).toBe(true);
        expect((await repo.getJobById(String(saved._id)))?.disabled).toBe(true);
      });
    });

    describe('getJobById', () => {
      it('returns the job with that id', async () => {
        const saved = await repo.saveJob(aJob({ name: 'get-by-id-test', data: { key: 'value' } }), undefined);
        const found = await repo.getJobById(String(saved._id));
        expect(found?._id).toBe(saved._id);
        expect(found?.name).toBe('get-by-id-test');
        expect(found?.data).toEqual({ key: 'value' });
      });

      it('returns null once the job is removed', async () => {
        const saved = await repo.saveJob(aJob(), undefined);
        await repo.removeJobs({ id: saved._id! });
        expect(await repo.getJobById(String(saved._id))).toBeNull();
      });
    });

    describe('queryJobs', () => {
      beforeEach(async () => {
        await repo.saveJob(aJob({ name: 'job-a', priority: 10, nextRunAt: fromNow(minute), data: { type: 'alpha', count: 1 } }), undefined);
        await repo.saveJob(aJob({ name: 'job-b', priority: 5, nextRunAt: fromNow(2 * minute), data: { type: 'beta', count: 2 } }), undefined);
        await repo.saveJob(aJob({ name: 'job-a', priority: 15, nextRunAt: fromNow(3 * minute), data: { type: 'alpha', count: 3 } }), undefined);
      });

      it('lists every job', async () => {
        const result = await repo.queryJobs();
        expect(result.total).toBe(3);
        expect(result.jobs).toHaveLength(3);
      });

      it('filters by name', async () => {
        const result = await repo.queryJobs({ name: 'job-a' });
        expect(result.total).toBe(2);
        for (const job of result.jobs) expect(job.name).toBe('job-a');
      });

      it('filters by several names', async () => {
        expect((await repo.queryJobs({ names: ['job-a', 'job-b'] })).total).toBe(3);
      });

      it('searches in names', async () => {
        expect((await repo.queryJobs({ search: 'job' })).total).toBe(3);
      });

      it('pages with skip and limit, counting the total before paging', async () => {
        const result = await repo.queryJobs({ skip: 1, limit: 1 });
        expect(result.jobs).toHaveLength(1);
        expect(result.total).toBe(3);
      });

      it('leaves disabled jobs out when includeDisabled is false', async () => {
        await repo.saveJob(aJob({ name: 'disabled-job', disabled: true }), undefined);
        expect((await repo.queryJobs({ includeDisabled: true })).total).toBe(4);
        expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(3);
      });
    });

    describe('removeJobs', () => {
      it('removes by name and says how many', async () => {
        await repo.saveJob(aJob({ name: 'remove-test' }), undefined);
        await repo.saveJob(aJob({ name: 'remove-test' }), undefined);
        await repo.saveJob(aJob({ name: 'keep-test' }), undefined);
        expect(await repo.removeJobs({ name: 'remove-test' })).toBe(2);
        const remaining = await repo.queryJobs();
        expect(remaining.total).toBe(1);
        expect(remaining.jobs[0]?.name).toBe('keep-test');
      });

      it('removes by id', async () => {
        const saved = await repo.saveJob(aJob(), undefined);
        expect(await repo.removeJobs({ id: saved._id! })).toBe(1);
        expect(await repo.getJobById(String(saved._id))).toBeNull();
      });

      it('removes by several ids', async () => {
        const one = await repo.saveJob(aJob({ name: 'multi-remove-1' }), undefined);
        const two = await repo.saveJob(aJob({ name: 'multi-remove-2' }), undefined);
        await repo.saveJob(aJob({ name: 'keep' }), undefined);
        expect(await repo.removeJobs({ ids: [one._id!, two._id!] })).toBe(2);
        expect((await repo.queryJobs()).total).toBe(1);
      });

      it('removes nothing when nothing matches', async () => {
        expect(await repo.removeJobs({ name: 'non-existent' })).toBe(0);
      });
    });

    describe('getDistinctJobNames', () => {
      it('names each job name once', async () => {
        for (const jobName of ['name-a', 'name-b', 'name-a']) await repo.saveJob(aJob({ name: jobName }), undefined);
        const names = await repo.getDistinctJobNames();
        expect(names).toContain('name-a');
        expect(names).toContain('name-b');
        expect(names).toHaveLength(2);
      });

      it('is empty when there are no jobs', async () => {
        expect(await repo.getDistinctJobNames()).toEqual([]);
      });
    });

    describe('getQueueSize', () => {
      it('counts the jobs whose time has come', async () => {
        await repo.saveJob(aJob({ name: 'past-job-1', nextRunAt: ago(minute) }), undefined);
        await repo.saveJob(aJob({ name: 'past-job-2', nextRunAt: ago(30_000) }), undefined);
        await repo.saveJob(aJob({ name: 'future-job', nextRunAt: fromNow(minute) }), undefined);
        expect(await repo.getQueueSize()).toBe(2);
      });

      it('is 0 when nothing is due', async () => {
        await repo.saveJob(aJob({ nextRunAt: fromNow(minute) }), undefined);
        expect(await repo.getQueueSize()).toBe(0);
      });
    });

    describe('locking', () => {
      it('locks a job', async () => {
        const saved = await repo.saveJob(aJob({ nextRunAt: ago(1000) }), undefined);
        const locked = await repo.lockJob(saved, undefined);
        expect(locked?.lockedAt).toBeDefined();
        expect(locked?._id).toBe(saved._id);
      });

      it('does not lock a job that is already locked', async () => {
        const saved = await repo.saveJob(aJob({ nextRunAt: ago(1000) }), undefined);
        expect(await repo.lockJob(saved, undefined)).toBeDefined();
        expect(await repo.lockJob(saved, undefined)).toBeUndefined();
      });

      it('unlocks a job', async () => {
        const saved = await repo.saveJob(aJob({ nextRunAt: ago(1000) }), undefined);
        const locked = await repo.lockJob(saved, undefined);
        await repo.unlockJob(locked!);
        expect((await repo.getJobById(String(saved._id)))?.lockedAt == null).toBe(true);
      });

      it('unlocks several jobs', async () => {
        const one = await repo.saveJob(aJob({ name: 'multi-unlock-1', nextRunAt: ago(1000) }), undefined);
        const two = await repo.saveJob(aJob({ name: 'multi-unlock-2', nextRunAt: ago(1000) }), undefined);
        await repo.lockJob(one, undefined);
        await repo.lockJob(two, undefined);
        await repo.unlockJobs([one._id!, two._id!]);
        expect((await repo.getJobById(String(one._id)))?.lockedAt == null).toBe(true);
        expect((await repo.getJobById(String(two._id)))?.lockedAt == null).toBe(true);
      });
    });

    describe('getNextJobToRun', () => {
      it('finds and locks the next due job', async () => {
        await repo.saveJob(aJob({ name: 'runner-test', priority: 5, nextRunAt: ago(minute), data: { order: 'first' } }), undefined);
        const next = await repo.getNextJobToRun('runner-test', ...scanWindow(), undefined);
        expect(next?.name).toBe('runner-test');
        expect(next?.lockedAt).toBeDefined();
      });

      it('takes the higher priority first when due at the same time', async () => {
        const sameTime = ago(minute);
        await repo.saveJob(aJob({ name: 'priority-test', priority: 5, nextRunAt: sameTime, data: { priority: 'low' } }), undefined);
        await repo.saveJob(aJob({ name: 'priority-test', priority: 10, nextRunAt: sameTime, data: { priority: 'high' } }), undefined);
        const next = await repo.getNextJobToRun('priority-test', ...scanWindow(), undefined);
        expect(next?.priority).toBe(10);
        expect(next?.data).toEqual({ priority: 'high' });
      });

      it('skips disabled jobs', async () => {
        await repo.saveJob(aJob({ name: 'disabled-test', nextRunAt: ago(minute), disabled: true }), undefined);
        expect(await repo.getNextJobToRun('disabled-test', ...scanWindow(), undefined)).toBeUndefined();
      });

      it('finds nothing when nothing is due', async () => {
        await repo.saveJob(aJob({ name: 'future-test', nextRunAt: fromNow(minute) }), undefined);
        expect(await repo.getNextJobToRun('future-test', ...scanWindow(), undefined)).toBeUndefined();
      });
    });

    describe('saveJobState', () => {
      it('writes the fields the processor keeps', async () => {
        const saved = await repo.saveJob(aJob(), undefined);
        const now = new Date();
        await repo.saveJobState(
          { ...saved, lastRunAt: now, lastFinishedAt: now, progress: 50, failCount: 1, failReason: 'Test error', failedAt: now },
          undefined,
        );
        const found = await repo.getJobById(String(saved._id));
        expect(found?.lastRunAt).toBeDefined();
        expect(found?.lastFinishedAt).toBeDefined();
        expect(found?.progress).toBe(50);
        expect(found?.failCount).toBe(1);
        expect(found?.failReason).toBe('Test error');
        expect(found?.failedAt).toBeDefined();
      });

      it('clears lockedAt when the job completes', async () => {
        const saved = await repo.saveJob(aJob({ nextRunAt: ago(1000) }), undefined);
        const locked = await repo.lockJob(saved, undefined);
        await repo.saveJobState({ ...locked!, lockedAt: undefined, lastFinishedAt: new Date() }, undefined);
        expect((await repo.getJobById(String(saved._id)))?.lockedAt == null).toBe(true);
      });
    });

    describe('getJobsOverview', () => {
      it('counts the jobs of each name', async () => {
        await repo.saveJob(aJob({ name: 'overview-job', nextRunAt: fromNow(minute) }), undefined);
        await repo.saveJob(aJob({ name: 'overview-job', nextRunAt: null, lastFinishedAt: new Date() }), undefined);
        await repo.saveJob(aJob({ name: 'other-job', nextRunAt: fromNow(minute) }), undefined);
        const overview = await repo.getJobsOverview();
        expect(overview.length).toBeGreaterThanOrEqual(2);
        expect(overview.find((o) => o.name === 'overview-job')?.total).toBe(2);
      });
    });
  });

  describe(`${name}: agenda running on it`, () => {
    let backend: AgendaBackend;
    let agenda: Agenda;
    const noop = (): void => undefined;

    beforeAll(async () => {
      backend = await subject.create();
    });
    afterAll(async () => {
      await subject.destroy(backend);
    });
    beforeEach(async () => {
      agenda = new Agenda({ backend, processEvery: 50 });
      await agenda.ready;
    });
    afterEach(async () => {
      await agenda.stop(false);
      await backend.repository.purgeAllJobs();
    });

    const onlyJob = async (jobName: string): Promise<JobParameters> => {
      const { jobs } = await agenda.queryJobs({ name: jobName });
      expect(jobs).toHaveLength(1);
      return jobs[0]!;
    };

    describe('every()', () => {
      it('stores one job with the interval', async () => {
        await agenda.every('5 minutes', 'test-interval-job');
        expect((await onlyJob('test-interval-job')).repeatInterval).toBe('5 minutes');
      });

      it('stores one job with a cron expression', async () => {
        await agenda.every('0 6 * * *', 'test-cron-job');
        expect((await onlyJob('test-cron-job')).repeatInterval).toBe('0 6 * * *');
      });

      it('updates the job when called again instead of adding one', async () => {
        await agenda.every('1 minute', 'update-interval-job');
        await agenda.every('5 minutes', 'update-interval-job');
        expect((await onlyJob('update-interval-job')).repeatInterval).toBe('5 minutes');
      });

      it('keeps a timezone', async () => {
        agenda.define('timezoneJob', noop);
        const job = await agenda.every('5 minutes', 'timezoneJob', {}, { timezone: 'Europe/London' });
        expect(job.attrs.repeatTimezone).toBe('Europe/London');
      });

      it('runs at once unless told skipImmediate', async () => {
        agenda.define('skipImmediateJob', noop);
        agenda.define('noSkipJob', noop);
        const immediate = await agenda.every('5 minutes', 'noSkipJob', {});
        const skipped = await agenda.every('5 minutes', 'skipImmediateJob', {}, { skipImmediate: true });
        expect(Math.abs((immediate.attrs.nextRunAt?.getTime() ?? 0) - Date.now())).toBeLessThan(1000);
        expect((skipped.attrs.nextRunAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(4 * minute);
      });

      it('makes one job per name given', async () => {
        agenda.define('arrayJob1', noop);
        agenda.define('arrayJob2', noop);
        const jobs = await agenda.every('5 minutes', ['arrayJob1', 'arrayJob2']);
        expect(jobs.map((j) => j.attrs.name).sort()).toEqual(['arrayJob1', 'arrayJob2']);
      });
    });

    describe('schedule() and now()', () => {
      it('schedules for a given time', async () => {
        const when = fromNow(minute);
        const job = await agenda.schedule(when, 'test-schedule-job');
        expect(job.attrs.nextRunAt?.getTime()).toBe(when.getTime());
      });

      it('schedules for a time in words', async () => {
        const job = await agenda.schedule('in 1 hour', 'test-human-schedule');
        expect(job.attrs.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
      });

      it('schedules several names at once', async () => {
        const jobs = await agenda.schedule(fromNow(minute), ['scheduleArrayJob1', 'scheduleArrayJob2']);
        expect(jobs).toHaveLength(2);
      });

      it('schedules now, with data', async () => {
        const job = await agenda.now('test-now-data', { key: 'value' });
        expect(job.attrs.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
        expect(job.attrs.data).toEqual({ key: 'value' });
      });
    });

    describe('queryJobs()', () => {
      it('finds by name, and nothing for an unknown name', async () => {
        await agenda.now('query-job-1');
        await agenda.now('query-job-2');
        await agenda.now('query-job-1');
        expect((await agenda.queryJobs({ name: 'query-job-1' })).jobs).toHaveLength(2);
        expect((await agenda.queryJobs({ name: 'non-existent' })).jobs).toEqual([]);
      });

      it('limits, skips, and does both', async () => {
        for (let i = 0; i < 5; i += 1) await agenda.now('limit-skip-test');
        const limited = await agenda.queryJobs({ name: 'limit-skip-test', limit: 2 });
        expect(limited.jobs).toHaveLength(2);
        expect(limited.total).toBe(5);
        expect((await agenda.queryJobs({ name: 'limit-skip-test', skip: 4 })).jobs).toHaveLength(1);
        expect((await agenda.queryJobs({ name: 'limit-skip-test', limit: 2, skip: 2 })).jobs).toHaveLength(2);
      });

      it('sorts', async () => {
        for (const priority of [3, 1, 2]) await (await agenda.now('sort-test', { order: priority })).priority(priority).save();
        const { jobs } = await agenda.queryJobs({ name: 'sort-test', sort: { priority: 'desc' } });
        expect(jobs.map((j) => j.priority)).toEqual([3, 2, 1]);
      });
    });

    describe('cancel, disable, enable, purge', () => {
      it('cancels the jobs that match', async () => {
        await agenda.now('cancel-test');
        await agenda.now('cancel-test');
        await agenda.now('keep-test');
        expect(await agenda.cancel({ name: 'cancel-test' })).toBe(2);
        const { jobs } = await agenda.queryJobs({});
        expect(jobs.map((j) => j.name)).toEqual(['keep-test']);
      });

      it('disables and enables through the Job', async () => {
        const job = await agenda.now('enable-test');
        await job.disable().save();
        expect((await onlyJob('enable-test')).disabled).toBe(true);
        await job.enable().save();
        expect((await onlyJob('enable-test')).disabled).toBeFalsy();
      });

      it('does not run a disabled job', async () => {
        let processed = false;
        agenda.define('disabled-process-test', async () => {
          processed = true;
        });
        await (await agenda.now('disabled-process-test')).disable().save();
        await agenda.start();
        await pause(300);
        expect(processed).toBe(false);
      });

      it('disables and enables in bulk, counting what changed', async () => {
        await agenda.now('bulk-test');
        await agenda.now('bulk-test');
        expect(await agenda.disable({ name: 'bulk-test' })).toBe(2);
        for (const job of (await agenda.queryJobs({ name: 'bulk-test' })).jobs) expect(job.disabled).toBe(true);
        expect(await agenda.enable({ name: 'bulk-test' })).toBe(2);
        for (const job of (await agenda.queryJobs({ name: 'bulk-test' })).jobs) expect(job.disabled).toBeFalsy();
        expect(await agenda.disable({ name: 'non-existent-job' })).toBe(0);
        expect(await agenda.disable({})).toBe(0);
      });

      it('purges the jobs nobody defines', async () => {
        for (const jobName of ['defined-job', 'orphan-1', 'orphan-2']) {
          agenda.define(jobName, noop);
          await agenda.now(jobName);
        }
        delete agenda.definitions['orphan-1'];
        delete agenda.definitions['orphan-2'];
        expect((await agenda.queryJobs({})).total).toBe(3);
        expect(await agenda.purge()).toBe(2);
        expect((await agenda.queryJobs({})).jobs.map((j) => j.name)).toEqual(['defined-job']);
      });
    });

    describe('unique()', () => {
      const uniqueJob = (jobName: string, data: Record<string, unknown>, insertOnly = false): Promise<Job> =>
        agenda
          .create(jobName, data)
          .unique({ 'data.type': data.type, 'data.userId': data.userId }, insertOnly ? { insertOnly } : undefined)
          .schedule('now')
          .save();

      it('updates the one job when the unique fields match', async () => {
        const first = await uniqueJob('unique-job', { type: 'active', userId: '123', other: true });
        const second = await uniqueJob('unique-job', { type: 'active', userId: '123', other: false });
        expect(String(second.attrs._id)).toBe(String(first.attrs._id));
        expect((await onlyJob('unique-job')).data).toMatchObject({ other: false });
      });

      it('leaves the job alone when insertOnly is set', async () => {
        const first = await uniqueJob('unique-insert-only', { type: 'active', userId: '123', value: 'first' }, true);
        const second = await uniqueJob('unique-insert-only', { type: 'active', userId: '123', value: 'second' }, true);
        expect(String(second.attrs._id)).toBe(String(first.attrs._id));
        expect((await onlyJob('unique-insert-only')).data).toMatchObject({ value: 'first' });
      });

      it('adds a second job when the unique fields differ', async () => {
        await uniqueJob('unique-no-match', { type: 'active', userId: '123' });
        await uniqueJob('unique-no-match', { type: 'active', userId: '456' });
        expect((await agenda.queryJobs({ name: 'unique-no-match' })).jobs).toHaveLength(2);
      });
    });

    describe('Job', () => {
      it('saves, updates, returns itself and removes', async () => {
        const job = agenda.create('save-test', { value: 42 });
        expect(await job.save()).toBe(job);
        expect((await onlyJob('save-test')).data).toEqual({ value: 42 });
        job.attrs.data = { value: 2 };
        await job.save();
        expect((await onlyJob('save-test')).data).toEqual({ value: 2 });
        await job.remove();
        expect((await agenda.queryJobs({ id: String(job.attrs._id) })).jobs).toHaveLength(0);
      });

      it('runs directly, passing itself to the processor', async () => {
        let received: unknown;
        agenda.define('run-direct-test', async (j: Job) => {
          received = j.attrs.data;
        });
        const job = await agenda.create('run-direct-test', { foo: 'bar' }).save();
        await job.run();
        expect(received).toEqual({ foo: 'bar' });
      });

      it('touch() moves lockedAt on and stores progress', async () => {
        let first: Date | undefined;
        let touched: Date | undefined;
        let jobId: string | undefined;
        agenda.define('touch-test', async (job: Job) => {
          jobId = String(job.attrs._id);
          first = job.attrs.lockedAt;
          await pause(20);
          await job.touch(50);
          touched = job.attrs.lockedAt;
        });
        await agenda.start();
        await runNowAndWait(agenda, 'touch-test', 'complete:touch-test');
        expect(touched!.getTime()).toBeGreaterThan(first!.getTime());
        expect((await agenda.queryJobs({ id: jobId })).jobs[0]?.progress).toBe(50);
      });
    });

    describe('processing', () => {
      it('runs a job with its data and reports success', async () => {
        let received: unknown;
        agenda.define('process-test', async (job: Job) => {
          received = job.attrs.data;
        });
        const succeeded = nextEvent(agenda, 'success:process-test');
        await agenda.start();
        await runNowAndWait(agenda, 'process-test', 'complete:process-test', { testData: 123 });
        await succeeded;
        expect(received).toEqual({ testData: 123 });
      });

      it('holds the lock while the job runs', async () => {
        let lockedWhileRunning = false;
        agenda.define('lock-test', async () => {
          lockedWhileRunning = (await onlyJob('lock-test')).lockedAt != null;
        });
        await agenda.start();
        await runNowAndWait(agenda, 'lock-test', 'complete:lock-test');
        expect(lockedWhileRunning).toBe(true);
      });

      // Upstream expects stop() to clear the running job's lock at once; agenda 6.2.6 keeps a
      // running job's lock until the job finishes (JobProcessor.stop), so this checks that.
      it('releases the lock of a job running at stop() when it finishes', async () => {
        agenda.define('clear-lock-test', () => pause(200));
        await agenda.start();
        await runNowAndWait(agenda, 'clear-lock-test', 'start:clear-lock-test');
        const finished = nextEvent(agenda, 'complete:clear-lock-test');
        await agenda.stop(false);
        await finished;
        expect((await onlyJob('clear-lock-test')).lockedAt).toBeFalsy();
      });

      it('takes higher priority first', async () => {
        const order: number[] = [];
        agenda.define('priority-test', async (job: Job) => {
          order.push(job.attrs.priority);
        });
        const sameTime = ago(1000);
        for (const priority of [-10, 10, 0]) {
          const job = agenda.create('priority-test');
          job.attrs.nextRunAt = sameTime;
          await job.priority(priority).save();
        }
        agenda.maxConcurrency(1);
        const done = eventCount(agenda, 'complete:priority-test', 3);
        await agenda.start();
        await done;
        expect(order[0]).toBe(10);
      });

      it('runs a cron job when its second comes', async () => {
        agenda.define('cron-test', noop);
        await agenda.every('* * * * * *', 'cron-test');
        const completed = nextEvent(agenda, 'complete:cron-test', 2500);
        await agenda.start();
        await completed;
      });

      it('counts due jobs in the running stats', async () => {
        await agenda.start();
        expect((await agenda.getRunningStats()).totalQueueSizeDB).toBe(0);
      });
    });

    describe('failure, retry and removal', () => {
      it('stores failReason and failedAt, and does not run a failed one-off again', async () => {
        let runs = 0;
        agenda.define('no-rerun-failed', async () => {
          runs += 1;
          throw new Error('Intentional failure');
        });
        await agenda.start();
        await runNowAndWait(agenda, 'no-rerun-failed', 'complete:no-rerun-failed');
        await pause(200);
        expect(runs).toBe(1);
        const job = await onlyJob('no-rerun-failed');
        expect(job.failReason).toBe('Intentional failure');
        expect(job.failedAt).toBeDefined();
        expect(job.nextRunAt).toBeFalsy();
      });

      it('counts repeated failures', async () => {
        agenda.define('fail-count-test', async () => {
          throw new Error('Repeated failure');
        });
        agenda.on('fail:fail-count-test', (_error: Error, job: Job) => {
          job.attrs.nextRunAt = new Date();
        });
        const completed = eventCount(agenda, 'complete:fail-count-test', 2);
        await agenda.start();
        await agenda.now('fail-count-test');
        await completed;
        expect((await onlyJob('fail-count-test')).failCount).toBeGreaterThanOrEqual(2);
      });

      it('retries when the failure handler sets nextRunAt, or reschedules and saves', async () => {
        for (const [jobName, retry] of [
          ['retry-by-attrs', (job: Job) => { job.attrs.nextRunAt = new Date(); }],
          ['retry-by-schedule', (job: Job) => { void job.schedule('now').save(); }],
        ] as const) {
          let failed = false;
          agenda.define(jobName, async () => {
            if (!failed) {
              failed = true;
              throw new Error('test failure');
            }
          });
          agenda.on(`fail:${jobName}`, (_error: Error, job: Job) => retry(job));
          const succeeded = nextEvent(agenda, `success:${jobName}`);
          await agenda.now(jobName);
          await agenda.start();
          await succeeded;
        }
      });

      it('retries with a backoff strategy until it succeeds', async () => {
        let attempts = 0;
        const delays: number[] = [];
        agenda.define(
          'auto-retry-job',
          async () => {
            attempts += 1;
            if (attempts < 3) throw new Error(`Attempt ${attempts} failed`);
          },
          { backoff: constant({ delay: 100, maxRetries: 5 }) },
        );
        agenda.on('retry:auto-retry-job', (_job, details) => delays.push(details.delay));
        const succeeded = nextEvent(agenda, 'success:auto-retry-job');
        await agenda.now('auto-retry-job');
        await agenda.start();
        await succeeded;
        expect(attempts).toBe(3);
        expect(delays).toEqual([100, 100]);
      });

      it('cancels a job that outlives its lock, without an unhandled rejection', async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        try {
          agenda.define('test long', () => pause(1200), { lockLifetime: 200 });
          const outcome = new Promise<Error | undefined>((resolve) => {
            agenda.on('error', resolve);
            agenda.on('success', () => resolve(undefined));
          });
          await agenda.now('test long');
          await agenda.start();
          expect(await outcome).toBeInstanceOf(Error);
          expect(unhandled).toEqual([]);
        } finally {
          process.off('unhandledRejection', onUnhandled);
        }
      });

      it('keeps a long job alive that calls touch()', async () => {
        agenda.define(
          'test touching',
          async (job: Job) => {
            for (let i = 0; i < 6; i += 1) {
              await pause(60);
              await job.touch();
            }
          },
          { lockLifetime: 200 },
        );
        const outcome = new Promise<Error | undefined>((resolve) => {
          agenda.on('error', resolve);
          agenda.on('success', () => resolve(undefined));
        });
        await agenda.start();
        await agenda.now('test touching');
        expect(await outcome).toBeUndefined();
      });

      it('removes a finished one-off job only when removeOnComplete says so', async () => {
        agenda.define('kept-job', noop);
        agenda.define('removable-job', noop, { removeOnComplete: true });
        await agenda.start();
        await runNowAndWait(agenda, 'kept-job', 'complete:kept-job');
        await runNowAndWait(agenda, 'removable-job', 'complete:removable-job');
        await pause(50);
        expect((await agenda.queryJobs({ name: 'kept-job' })).jobs).toHaveLength(1);
        expect((await agenda.queryJobs({ name: 'removable-job' })).jobs).toHaveLength(0);
      });
    });

    describe('debounce', () => {
      const debounced = (
        jobName: string,
        data: Record<string, unknown>,
        delayMs: number,
        options?: { strategy?: 'trailing' | 'leading'; maxWait?: number },
      ): Promise<Job> => agenda.create(jobName, data).unique({ 'data.key': data.key }).debounce(delayMs, options).save();

      it('trailing: runs a delay after the save, and each save pushes it on', async () => {
        const before = Date.now();
        const first = await debounced('debounceTest', { key: 'k' }, 1000);
        expect(first.attrs.nextRunAt!.getTime()).toBeGreaterThanOrEqual(before + 1000);
        expect(first.attrs.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1100);
        await pause(100);
        const second = await debounced('debounceTest', { key: 'k', value: 'second' }, 1000);
        expect(second.attrs.nextRunAt!.getTime()).toBeGreaterThan(first.attrs.nextRunAt!.getTime());
        expect(second.attrs.nextRunAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 900);
        expect(second.attrs.data).toEqual({ key: 'k', value: 'second' });
      });

      it('keeps one job however often it is saved', async () => {
        for (let i = 0; i < 5; i += 1) await debounced('debounceTest', { key: 'test4', iteration: i }, 500);
        expect((await onlyJob('debounceTest')).data).toEqual({ key: 'test4', iteration: 4 });
      });

      it('leading: runs at once, and later saves keep that time but update the data', async () => {
        const before = Date.now();
        const first = await debounced('debounceLeading', { key: 'lead' }, 5000, { strategy: 'leading' });
        expect(first.attrs.nextRunAt!.getTime()).toBeGreaterThanOrEqual(before - 100);
        expect(first.attrs.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now() + 100);
        await pause(100);
        const second = await debounced('debounceLeading', { key: 'lead', value: 'second' }, 5000, { strategy: 'leading' });
        expect(second.attrs.nextRunAt!.getTime()).toBe(first.attrs.nextRunAt!.getTime());
        expect(second.attrs.data).toEqual({ key: 'lead', value: 'second' });
      });

      it('maxWait: forces a run once exceeded and starts a fresh window', async () => {
        const first = await debounced('debounceMaxWait', { key: 'max1' }, 2000, { maxWait: 200 });
        expect(first.attrs.debounceStartedAt).toBeDefined();
        await pause(250);
        const second = await debounced('debounceMaxWait', { key: 'max1', updated: true }, 2000, { maxWait: 200 });
        expect(second.attrs.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now() + 100);
        expect(second.attrs.debounceStartedAt ?? undefined).toBeUndefined();
      });

      it('maxWait: keeps debouncing within the window', async () => {
        const first = await debounced('debounceMaxWait', { key: 'max2' }, 500, { maxWait: 5000 });
        await pause(100);
        const second = await debounced('debounceMaxWait', { key: 'max2', updated: true }, 500, { maxWait: 5000 });
        expect(second.attrs.nextRunAt!.getTime()).toBeGreaterThan(first.attrs.nextRunAt!.getTime());
        expect(second.attrs.nextRunAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 400);
      });

      it('debounces each unique key on its own, and needs a unique key at all', async () => {
        const one = await debounced('debounceMulti', { key: 1 }, 1000);
        const two = await debounced('debounceMulti', { key: 2 }, 1000);
        expect(one.attrs._id).not.toBe(two.attrs._id);
        expect((await agenda.queryJobs({ name: 'debounceMulti' })).jobs).toHaveLength(2);
        const a = await agenda.create('debounceNoUnique', { value: 1 }).debounce(1000).save();
        const b = await agenda.create('debounceNoUnique', { value: 2 }).debounce(1000).save();
        expect(a.attrs._id).not.toBe(b.attrs._id);
        expect((await agenda.queryJobs({ name: 'debounceNoUnique' })).jobs).toHaveLength(2);
      });

      it('runs once, with the latest data, after the bursts settle', async () => {
        const ran: unknown[] = [];
        agenda.define('debounceExec', async (job: Job) => {
          ran.push(job.attrs.data);
        });
        for (const value of [1, 2, 3]) {
          await debounced('debounceExec', { key: 'exec1', value }, 150);
          await pause(30);
        }
        await agenda.start();
        await pause(350);
        expect(ran).toEqual([{ key: 'exec1', value: 3 }]);
        expect((await agenda.queryJobs({ name: 'debounceExec' })).jobs).toHaveLength(1);
      });
    });
  });
}

agendaBackendContract('InMemoryAgendaBackend', {
  create: async () => new InMemoryAgendaBackend(),
  destroy: async () => undefined,
});

const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  // The same promises hold for agenda's own MongoBackend, which keeps this suite honest.
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const connections = new Map<AgendaBackend, Connection>();
  let databases = 0;
  agendaBackendContract('MongoBackend', {
    create: async () => {
      const connection = await connectMongo(mongoUri, { dbName: `apbot_agenda_${runId}_${++databases}` });
      const backend = new MongoBackend({ mongo: connection.db! });
      await backend.connect();
      connections.set(backend, connection);
      return backend;
    },
    destroy: async (backend) => {
      const connection = connections.get(backend);
      await connection?.dropDatabase();
      await connection?.close();
    },
  });
}
