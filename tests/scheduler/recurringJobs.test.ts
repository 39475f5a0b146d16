import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import { createScheduler } from '../../src/adapters/scheduler/createScheduler.ts';
import { SCHOOL_CLOCK_EVERY, schoolClock, scheduleJobs, type JobTimes, type JobWork } from '../../src/adapters/scheduler/jobs.ts';
import { InMemoryAgendaBackend } from '../../src/adapters/scheduler/memory/inMemoryAgendaBackend.ts';
import { ONE_SINGLE_JOB_PER_NAME } from '../../src/adapters/scheduler/oneJobPerName.ts';
import { connectMongo } from '../../src/adapters/storage/mongo/connectMongo.ts';

const idle: JobWork = { sweep: async () => undefined, deliver: async () => undefined, digest: async () => undefined };
const times: JobTimes = {
  sweepEvery: 5 * 60_000,
  deliverEvery: 20_000,
  digestAt: '07:45',
  cutoffsAt: ['09:30', '14:00'],
  timezone: 'Europe/London',
};
const JOB_NAMES = ['deliver', 'school clock', 'sweep'];

const running: Agenda[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((agenda) => agenda.stop(false)));
});

const namesOf = async (agenda: Agenda) => (await agenda.queryJobs({})).jobs.map((job) => job.name).sort();

describe('the recurring jobs when two bots start together', () => {
  it('exist once each on one in-memory backend', async () => {
    const backend = new InMemoryAgendaBackend();
    const bots = [new Agenda({ backend, name: 'first' }), new Agenda({ backend, name: 'second' })];
    running.push(...bots);
    await Promise.all(bots.map((agenda) => scheduleJobs(agenda, idle, times)));
    expect(await namesOf(bots[0]!)).toEqual(JOB_NAMES);
  });

  it('start anyway when the store refuses a second job of one name (as the unique index on MongoDB does)', async () => {
    const backend = new InMemoryAgendaBackend();
    const first = new Agenda({ backend, name: 'first' });
    running.push(first);
    await scheduleJobs(first, idle, times);
    // The second bot's upsert loses the race: MongoDB answers E11000 duplicate key.
    const refusing = new InMemoryAgendaBackend();
    const save = backend.repository.saveJob.bind(backend.repository);
    refusing.repository.saveJob = async (job, options) => {
      if (job.type === 'single') throw Object.assign(new Error('E11000 duplicate key error collection: agendaJobs index: oneSingleJobPerName'), { code: 11000 });
      return save(job, options);
    };
    const second = new Agenda({ backend: refusing, name: 'second' });
    running.push(second);
    await expect(scheduleJobs(second, idle, times)).resolves.toBeUndefined();
    expect(await namesOf(first)).toEqual(JOB_NAMES);
  });

  it('stop the start on any other failure to save a job', async () => {
    const backend = new InMemoryAgendaBackend();
    backend.repository.saveJob = async () => {
      throw new Error('not primary');
    };
    const agenda = new Agenda({ backend, name: 'bot' });
    running.push(agenda);
    await expect(scheduleJobs(agenda, idle, times)).rejects.toThrow('not primary');
  });
});

const uri = process.env.MONGODB_URI;
if (uri) {
  describe('the recurring jobs on one MongoDB', () => {
    const dbName = `apbot_jobs_${process.pid}_${randomBytes(3).toString('hex')}`;
    const connections: Connection[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((agenda) => agenda.stop(false)));
      await connections[0]?.dropDatabase();
      await Promise.all(connections.splice(0).map((c) => c.close()));
    });
    const bot = async () => {
      const connection = await connectMongo(uri, { dbName });
      connections.push(connection);
      const agenda = await createScheduler({ backend: 'mongo', db: connection.db! });
      running.push(agenda);
      return agenda;
    };

    it('are made once each by two bot processes started together', async () => {
      const start = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn('node', ['--import', 'tsx', 'tests/scheduler/fixtures/startBotJobs.ts', uri, dbName], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`bot exited with ${code}`))));
        });
      expect(await Promise.all([start(), start()])).toEqual(['started', 'started']);
      // Read straight from the collection: another start-up would tidy away any twins first.
      const look = await connectMongo(uri, { dbName });
      connections.push(look);
      const jobs = await look.collection('agendaJobs').find({}, { projection: { name: 1 } }).toArray();
      expect(jobs.map((job) => String(job.name)).sort()).toEqual(JOB_NAMES);
      const indexes = await look.collection('agendaJobs').indexes();
      expect(indexes.find((i) => i.name === ONE_SINGLE_JOB_PER_NAME)).toMatchObject({ unique: true, partialFilterExpression: { type: 'single' } });
    }, 60_000);

    it('are cleaned up at start when an older apbot left twins, keeping the one that ran last', async () => {
      const setup = await connectMongo(uri, { dbName });
      connections.push(setup);
      const jobs = setup.collection('agendaJobs');
      await jobs.insertMany([
        { name: 'sweep', type: 'single', repeatInterval: '5 minutes', lastRunAt: new Date('2026-02-09T08:00:00Z'), nextRunAt: new Date() },
        { name: 'sweep', type: 'single', repeatInterval: '5 minutes', lastRunAt: new Date('2026-02-09T08:05:00Z'), nextRunAt: new Date() },
        { name: 'deliver', type: 'single', repeatInterval: '20 seconds', lastRunAt: null, nextRunAt: new Date() },
      ]);
      const agenda = await bot();
      const sweeps = await jobs.find({ name: 'sweep' }).toArray();
      expect(sweeps.map((j) => j.lastRunAt)).toEqual([new Date('2026-02-09T08:05:00Z')]);
      await scheduleJobs(agenda, idle, times);
      expect(await namesOf(agenda)).toEqual(JOB_NAMES);
    });
  });
} else {
  describe.skip('the recurring jobs on one MongoDB (skipped: MONGODB_URI is not set; MongoDB cannot run on this machine)', () => {
    it.skip('are made once each by two bots started together, and twins an older apbot left are cleaned up', () => undefined);
  });
}

describe('the school clock', () => {
  // Monday 30 March 2026, the first school day after the clocks went forward: 09:30 in London is 08:30 GMT.
  const times = { digestAt: '07:45', cutoffsAt: ['09:30', '14:00'], timezone: 'Europe/London' };
  const looking = (start: string) => {
    let at = new Date(start).getTime();
    const clock = schoolClock(times, () => new Date(at));
    return { look: () => clock.look(), wait: (ms: number) => void (at += ms) };
  };

  it('sees a cut-off once, at the first look after the school clock reaches it, in summer time', () => {
    const bot = looking('2026-03-30T08:29:30Z');
    bot.look();
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      bot.wait(SCHOOL_CLOCK_EVERY);
      if (bot.look().cutoff) seen.push(String(i));
    }
    // 08:29:50, 08:30:10, ...: the cut-off (08:30:00 GMT) came between the first and second look.
    expect(seen).toEqual(['1']);
  });

  it('does not see the cut-off an hour out, at the hour it would be in winter', () => {
    const bot = looking('2026-03-30T09:29:50Z');
    bot.look();
    bot.wait(SCHOOL_CLOCK_EVERY);
    expect(bot.look()).toEqual({ digest: false, cutoff: false });
  });

  it('sends the digest once, when the school clock reaches 07:45, and not late from a bot started after it', () => {
    const bot = looking('2026-03-30T06:44:30Z');
    const digests: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      digests.push(bot.look().digest);
      bot.wait(SCHOOL_CLOCK_EVERY);
    }
    // Looks at 06:44:30, 06:44:50, 06:45:10 GMT...: 07:45 in London came between the second and the third.
    expect(digests).toEqual([false, false, true, false, false, false]);
    expect(looking('2026-03-30T10:00:00Z').look().digest).toBe(false);
  });

  it('sees nothing at the weekend', () => {
    const bot = looking('2026-03-28T06:44:50Z');
    expect(bot.look()).toEqual({ digest: false, cutoff: false });
    bot.wait(SCHOOL_CLOCK_EVERY);
    expect(bot.look()).toEqual({ digest: false, cutoff: false });
  });
});

describe('the jobs an earlier apbot left', () => {
  it('are removed at start: a cron per cut-off and one for the digest would never run again', async () => {
    const backend = new InMemoryAgendaBackend();
    const agenda = new Agenda({ backend, name: 'bot' });
    running.push(agenda);
    await agenda.every('45 7 * * 1-5', 'digest');
    await agenda.every('30 9 * * 1-5', 'sweep at 30 9 * * 1-5');
    await scheduleJobs(agenda, idle, times);
    expect(await namesOf(agenda)).toEqual(JOB_NAMES);
  });
});
