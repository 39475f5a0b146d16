import { randomUUID } from 'node:crypto';
import {
  computeJobState,
  toJobId,
  type JobId,
  type JobParameters,
  type JobRepository,
  type JobRepositoryOptions,
  type JobsOverview,
  type JobsQueryOptions,
  type JobsResult,
  type JobsSort,
  type JobWithState,
  type RemoveJobsOptions,
  type SortDirection,
} from 'agenda';
import { assertEqualityOnly, compareBy, matchesData, matchesUnique, processorFields } from './jobFields.ts';

type StoredJob = JobParameters & { _id: JobId };

/** The order agenda's MongoDB backend picks the next job in: soonest first, then highest priority. */
const nextJobOrder = compareBy([['nextRunAt', 'asc'], ['priority', 'desc']]);
/** The order MongoJobRepository lists jobs in when the caller gives none. */
const defaultListOrder = compareBy([['nextRunAt', 'desc'], ['lastRunAt', 'desc']]);

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * agenda's JobRepository held in this process's memory, for the embedded default and tests.
 * Every method reads and writes the map without awaiting in between, so each one is atomic
 * with respect to every other caller in the process, as a single MongoDB findOneAndUpdate is.
 */
export class InMemoryJobRepository implements JobRepository {
  readonly #jobs = new Map<string, StoredJob>();

  async connect(): Promise<void> {}

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const { state, includeDisabled = true, sort, skip = 0, limit = 0 } = options;
    const now = new Date();
    const search = options.search?.toLowerCase();
    const matching = this.#select(options).filter(
      (job) => (includeDisabled || job.disabled !== true) && (search === undefined || job.name.toLowerCase().includes(search)),
    );
    matching.sort(listOrder(sort));
    const withState = matching
      .map((job): JobWithState => ({ ...copy(job), state: computeJobState(job, now) }))
      .filter((job) => state === undefined || (state === 'paused' ? job.disabled === true : job.state === state));
    const page = withState.slice(skip, limit > 0 ? skip + limit : undefined);
    return { jobs: page, total: withState.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const now = new Date();
    const overviews = new Map<string, JobsOverview>();
    for (const job of this.#jobs.values()) {
      const overview = overviews.get(job.name) ?? {
        name: job.name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0,
      };
      overview.total += 1;
      overview[computeJobState(job, now)] += 1;
      if (job.disabled === true) overview.paused += 1;
      overviews.set(job.name, overview);
    }
    return [...overviews.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    return [...new Set([...this.#jobs.values()].map((job) => job.name))];
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const job = this.#jobs.get(id);
    return job ? copy(job) : null;
  }

  async getQueueSize(): Promise<number> {
    const now = Date.now();
    return [...this.#jobs.values()].filter((job) => job.nextRunAt !== null && job.nextRunAt.getTime() < now).length;
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const doomed = this.#matchingRemoveOptions(options);
    for (const job of doomed) this.#jobs.delete(job._id);
    return doomed.length;
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.#setDisabled(options, true);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.#setDisabled(options, false);
  }

  async purgeAllJobs(): Promise<number> {
    const count = this.#jobs.size;
    this.#jobs.clear();
    return count;
  }

  async saveJob<DATA = unknown>(job: JobParameters<DATA>, options: JobRepositoryOptions | undefined): Promise<JobParameters<DATA>> {
    const { _id, unique, uniqueOpts, ...props } = copy(job) as JobParameters;
    const now = new Date();

    if (_id !== undefined) {
      const existing = this.#jobs.get(_id);
      // As MongoJobRepository: a job removed (or renamed) meanwhile is not resurrected.
      if (!existing || existing.name !== props.name) return job;
      return this.#update(existing, props, options) as JobParameters<DATA>;
    }

    if (props.type === 'single') {
      const existing = this.#find((stored) => stored.name === props.name && stored.type === 'single');
      if (!existing) return this.#insert(props, options) as JobParameters<DATA>;
      // `every()` asks for "now" on each start-up; an existing schedule wins over that, unless
      // there is none left (MongoDB's $setOnInsert keeps even a null one; the Redis backend does not).
      const keepSchedule = props.nextRunAt !== null && props.nextRunAt <= now && existing.nextRunAt !== null;
      return this.#update(existing, keepSchedule ? { ...props, nextRunAt: existing.nextRunAt } : props, options) as JobParameters<DATA>;
    }

    if (unique !== undefined) {
      assertEqualityOnly(unique);
      const existing = this.#find((stored) => stored.name === props.name && matchesUnique(stored, unique));
      const debounce = uniqueOpts?.debounce;
      if (!debounce) {
        if (!existing) return this.#insert(props, options) as JobParameters<DATA>;
        return (uniqueOpts?.insertOnly ? copy(existing) : this.#update(existing, props, options)) as JobParameters<DATA>;
      }
      if (!existing) {
        const nextRunAt = debounce.strategy === 'leading' ? props.nextRunAt : new Date(now.getTime() + debounce.delay);
        return this.#insert({ ...props, nextRunAt, debounceStartedAt: now }, options) as JobParameters<DATA>;
      }
      const startedAt = existing.debounceStartedAt ?? now;
      if (debounce.strategy === 'leading') {
        return this.#update(existing, { ...props, nextRunAt: existing.nextRunAt, debounceStartedAt: startedAt }, options) as JobParameters<DATA>;
      }
      const waitedTooLong = debounce.maxWait !== undefined && now.getTime() - startedAt.getTime() >= debounce.maxWait;
      // Past maxWait it runs now and the next burst starts a fresh window.
      return this.#update(
        existing,
        waitedTooLong
          ? { ...props, nextRunAt: now, debounceStartedAt: undefined }
          : { ...props, nextRunAt: new Date(now.getTime() + debounce.delay), debounceStartedAt: startedAt },
        options,
      ) as JobParameters<DATA>;
    }

    return this.#insert(props, options) as JobParameters<DATA>;
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (job._id === undefined) throw new Error('Cannot save job state without job ID');
    const existing = this.#jobs.get(job._id);
    if (!existing || existing.name !== job.name) {
      throw new Error(`job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`);
    }
    const state = copy(job);
    const next: StoredJob = { ...existing, nextRunAt: state.nextRunAt ?? null };
    for (const field of processorFields) setField(next, field, state[field]);
    this.#store(next, options);
  }

  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (job._id === undefined) return undefined;
    const existing = this.#jobs.get(job._id);
    const expectedRunAt = job.nextRunAt?.getTime() ?? null;
    if (
      !existing ||
      existing.name !== job.name ||
      existing.lockedAt !== undefined ||
      existing.disabled === true ||
      (existing.nextRunAt?.getTime() ?? null) !== expectedRunAt
    ) {
      return undefined;
    }
    return copy(this.#store({ ...existing, lockedAt: new Date() }, options));
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (job._id === undefined) return;
    const existing = this.#jobs.get(job._id);
    // As MongoJobRepository: a one-off job that has started (nextRunAt null) keeps its lock.
    if (!existing || existing.nextRunAt === null) return;
    this.#jobs.set(existing._id, unlocked(existing));
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    for (const id of jobIds) {
      const existing = this.#jobs.get(String(id));
      if (existing) this.#jobs.set(existing._id, unlocked(existing));
    }
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const candidates = [...this.#jobs.values()].filter(
      (job) =>
        job.name === jobName &&
        job.disabled !== true &&
        (job.lockedAt === undefined
          ? job.nextRunAt !== null && job.nextRunAt <= nextScanAt
          : job.lockedAt <= lockDeadline),
    );
    const next = candidates.sort(nextJobOrder)[0];
    if (!next) return undefined;
    return copy(this.#store({ ...next, lockedAt: now ?? new Date() }, options));
  }

  #insert(props: JobParameters, options: JobRepositoryOptions | undefined): JobParameters {
    const _id = toJobId(randomUUID());
    return copy(this.#store({ ...withoutUndefined(props), _id }, options));
  }

  /** Replaces the job's own fields with the given ones, keeping the processor's. */
  #update(existing: StoredJob, props: JobParameters, options: JobRepositoryOptions | undefined): JobParameters {
    const next: StoredJob = { ...withoutUndefined(props), _id: existing._id };
    for (const field of processorFields) setField(next, field, props[field] ?? existing[field]);
    return copy(this.#store(next, options));
  }

  #store(job: StoredJob, options: JobRepositoryOptions | undefined): StoredJob {
    const stored: StoredJob = { ...job };
    if (options?.lastModifiedBy === undefined) delete stored.lastModifiedBy;
    else stored.lastModifiedBy = options.lastModifiedBy;
    this.#jobs.set(stored._id, stored);
    return stored;
  }

  #find(predicate: (job: StoredJob) => boolean): StoredJob | undefined {
    return [...this.#jobs.values()].find(predicate);
  }

  #select(options: JobsQueryOptions): StoredJob[] {
    const { name, names, id, ids, data } = options;
    return [...this.#jobs.values()].filter(
      (job) =>
        (name ? job.name === name : !names?.length || names.includes(job.name)) &&
        (id ? job._id === id : !ids?.length || ids.includes(job._id)) &&
        (data === undefined || matchesData(job.data, data)),
    );
  }

  /** As MongoJobRepository: options that name nothing match nothing, never everything. */
  #matchingRemoveOptions(options: RemoveJobsOptions): StoredJob[] {
    const { id, ids, name, names, notNames, data } = options;
    const idList = id !== undefined ? [String(id)] : ids?.length ? ids.map(String) : undefined;
    const nameTest = name
      ? (jobName: string) => jobName === name
      : names?.length
        ? (jobName: string) => names.includes(jobName)
        : notNames?.length
          ? (jobName: string) => !notNames.includes(jobName)
          : undefined;
    if (idList === undefined && nameTest === undefined && data === undefined) return [];
    return [...this.#jobs.values()].filter(
      (job) =>
        (idList === undefined || idList.includes(job._id)) &&
        (nameTest === undefined || nameTest(job.name)) &&
        (data === undefined || matchesData(job.data, data)),
    );
  }

  /** Counts the jobs it changed, as MongoDB's modifiedCount does. */
  #setDisabled(options: RemoveJobsOptions, disabled: boolean): number {
    const changing = this.#matchingRemoveOptions(options).filter((job) => job.disabled !== disabled);
    for (const job of changing) this.#jobs.set(job._id, { ...job, disabled });
    return changing.length;
  }
}

function listOrder(sort: JobsSort | undefined): ReturnType<typeof compareBy> {
  const order = Object.entries(sort ?? {}) as [keyof JobsSort, SortDirection][];
  return order.length > 0 ? compareBy(order) : defaultListOrder;
}

type ProcessorField = (typeof processorFields)[number];

function setField<K extends ProcessorField>(job: StoredJob, field: K, value: StoredJob[K] | null): void {
  if (value === undefined || value === null) delete job[field];
  else job[field] = value;
}

function unlocked(job: StoredJob): StoredJob {
  const next = { ...job };
  delete next.lockedAt;
  return next;
}

function withoutUndefined(props: JobParameters): JobParameters {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as unknown as JobParameters;
}
