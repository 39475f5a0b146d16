import { afterEach, describe, expect, it } from 'vitest';
import { Agenda, type Job } from 'agenda';
import mongoose from 'mongoose';
import { AppError } from '../../src/core/errors.ts';
import { createScheduler } from '../../src/adapters/scheduler/createScheduler.ts';
import { InMemoryAgendaBackend } from '../../src/adapters/scheduler/memory/inMemoryAgendaBackend.ts';
import { eventCount, nextEvent, pause } from './agendaEvents.ts';

const running: Agenda[] = [];

/** Every Agenda a test makes is stopped afterwards, so no poller outlives its test. */
function track(agenda: Agenda): Agenda {
  running.push(agenda);
  return agenda;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((agenda) => agenda.stop(false)));
});

describe('a scheduler on the in-memory backend', () => {
  it('runs a recurring job again and again', async () => {
    const agenda = track(await createScheduler({ backend: 'memory', processEvery: 50 }));
    agenda.define('sweep', () => undefined);
    await agenda.every(100, 'sweep');
    const threeSweeps = eventCount(agenda, 'success:sweep', 3);
    await agenda.start();
    await threeSweeps;
    expect((await agenda.queryJobs({ name: 'sweep' })).total).toBe(1);
  });

  it('keeps one recurring job however many times every() is called', async () => {
    const agenda = track(await createScheduler({ backend: 'memory' }));
    await agenda.every('5 minutes', 'sweep');
    await agenda.every('5 minutes', 'sweep');
    expect((await agenda.queryJobs({ name: 'sweep' })).total).toBe(1);
  });

  it('runs a job scheduled now once, and only once', async () => {
    const agenda = track(await createScheduler({ backend: 'memory', processEvery: 50 }));
    let runs = 0;
    agenda.define('deliver', () => {
      runs += 1;
    });
    await agenda.start();
    const done = nextEvent(agenda, 'complete:deliver');
    await agenda.now('deliver', { batch: 1 });
    await done;
    await pause(250);
    expect(runs).toBe(1);
  });

  it('runs a job scheduled for later when its time comes, not before', async () => {
    const agenda = track(await createScheduler({ backend: 'memory', processEvery: 50 }));
    let ranAt: number | undefined;
    agenda.define('digest', () => {
      ranAt = Date.now();
    });
    const due = new Date(Date.now() + 200);
    await agenda.schedule(due, 'digest');
    const done = nextEvent(agenda, 'complete:digest');
    await agenda.start();
    await done;
    expect(ranAt).toBeGreaterThanOrEqual(due.getTime());
  });
});

describe('two schedulers sharing one in-memory backend', () => {
  function twoInstances(backend: InMemoryAgendaBackend, processEvery = 20): [Agenda, Agenda] {
    return [
      track(new Agenda({ backend, name: 'first', processEvery })),
      track(new Agenda({ backend, name: 'second', processEvery })),
    ];
  }

  it('never run one job twice, nor at the same time', async () => {
    const backend = new InMemoryAgendaBackend();
    const instances = twoInstances(backend);
    const runsById = new Map<string, number>();
    const ranOn = new Set<string>();
    let sweepsRunning = 0;
    let mostSweepsAtOnce = 0;
    for (const agenda of instances) {
      agenda.define('deliver', async (job: Job) => {
        const id = String(job.attrs._id);
        runsById.set(id, (runsById.get(id) ?? 0) + 1);
        ranOn.add(agenda.attrs.name ?? '');
        await pause(10);
      }, { lockLimit: 3 }); // so neither instance can lock every delivery in its first scan
      agenda.define('sweep', async () => {
        sweepsRunning += 1;
        mostSweepsAtOnce = Math.max(mostSweepsAtOnce, sweepsRunning);
        await pause(60);
        sweepsRunning -= 1;
      });
    }
    const [first, second] = instances;
    // Both instances declare the recurring job at start-up, as every server would.
    await first.every(50, 'sweep');
    await second.every(50, 'sweep');
    for (let i = 0; i < 30; i += 1) await first.now('deliver', { i });
    const allDelivered = Promise.all(instances.map((agenda) => eventCount(agenda, 'complete:deliver', 1)));
    await Promise.all(instances.map((agenda) => agenda.start()));
    await allDelivered;
    await pause(500);

    expect(runsById.size).toBe(30);
    expect([...runsById.values()].every((runs) => runs === 1)).toBe(true);
    expect(ranOn).toEqual(new Set(['first', 'second']));
    expect(mostSweepsAtOnce).toBe(1);
    expect((await first.queryJobs({ name: 'sweep' })).total).toBe(1);
  });

  it('hand over a job the stopping one had locked but not started', async () => {
    const backend = new InMemoryAgendaBackend();
    // A long poll, so the job is locked on the first scan and waits on a timer for its time.
    const [first, second] = twoInstances(backend, 1000);
    const ranOn: string[] = [];
    for (const agenda of [first, second]) {
      agenda.define('digest', () => {
        ranOn.push(agenda.attrs.name ?? '');
      });
    }
    const job = await first.schedule(new Date(Date.now() + 300), 'digest');
    await first.start();
    await pause(50);
    expect((await backend.repository.getJobById(String(job.attrs._id)))?.lockedAt).toBeInstanceOf(Date);

    await first.stop(false);
    expect((await backend.repository.getJobById(String(job.attrs._id)))?.lockedAt).toBeUndefined();

    const done = nextEvent(second, 'complete:digest');
    await second.start();
    await done;
    expect(ranOn).toEqual(['second']);
  });

  it('release a running job lock when it finishes, though the instance has stopped', async () => {
    const backend = new InMemoryAgendaBackend();
    const [first] = twoInstances(backend);
    first.define('deliver', () => pause(150));
    const started = nextEvent(first, 'start:deliver');
    const finished = nextEvent(first, 'complete:deliver');
    const job = await first.now('deliver');
    await first.start();
    await started;
    await first.stop(false);
    expect((await backend.repository.getJobById(String(job.attrs._id)))?.lockedAt).toBeInstanceOf(Date);
    await finished;
    expect((await backend.repository.getJobById(String(job.attrs._id)))?.lockedAt).toBeUndefined();
  });
});

describe('a scheduler on MongoDB that cannot be reached', () => {
  it('rejects with one clear error and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const client = new mongoose.mongo.MongoClient('mongodb://127.0.0.1:1/apbot', { serverSelectionTimeoutMS: 300 });
    try {
      const error = await createScheduler({ backend: 'mongo', db: client.db() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/^The scheduler cannot use its MongoDB backend: .+\. Check MONGODB_URI/);
      expect((error as AppError).message).not.toContain('\n');
      // Give any stray promise a chance to surface before looking.
      await pause(100);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await client.close();
    }
  });
});
