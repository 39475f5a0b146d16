import type { mongo } from 'mongoose';
import { isDuplicateKeyError } from '../storage/mongo/duplicateKey.ts';

/** agenda's MongoBackend keeps jobs here unless told otherwise, and apbot does not tell it. */
const JOBS = 'agendaJobs';
export const ONE_SINGLE_JOB_PER_NAME = 'oneSingleJobPerName';

/**
 * agenda's `every()` upserts a recurring ("single") job by name without a unique index, so two
 * replicas starting together can each insert one and the job then runs twice as often for ever.
 * A unique partial index makes the second insert fail instead (`everyOnce` treats that as done).
 * A database from before the index may already hold twins: the one that ran last is kept.
 */
export async function ensureOneRecurringJobPerName(db: mongo.Db): Promise<void> {
  const jobs = db.collection(JOBS);
  // Another replica may slip a twin in between the clean-up and the index: clean up again.
  for (let attempt = 1; ; attempt++) {
    const twins = await jobs
      .aggregate<{ ids: mongo.ObjectId[] }>([
        { $match: { type: 'single' } },
        { $sort: { lastRunAt: -1, _id: 1 } },
        { $group: { _id: '$name', ids: { $push: '$_id' } } },
        { $match: { 'ids.1': { $exists: true } } },
      ])
      .toArray();
    for (const { ids } of twins) await jobs.deleteMany({ _id: { $in: ids.slice(1) } });
    try {
      await jobs.createIndex({ name: 1 }, { name: ONE_SINGLE_JOB_PER_NAME, unique: true, partialFilterExpression: { type: 'single' } });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error) || attempt === 3) throw error;
    }
  }
}
