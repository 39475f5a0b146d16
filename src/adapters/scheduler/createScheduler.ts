import { Agenda, type AgendaBackend } from 'agenda';
import { Settings as DateLibrary } from 'luxon';
import type { mongo } from 'mongoose';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { InMemoryAgendaBackend } from './memory/inMemoryAgendaBackend.ts';
import { ensureOneRecurringJobPerName } from './oneJobPerName.ts';

export type SchedulerBackendChoice =
  | { backend: 'memory' }
  /** A connected database, e.g. a mongoose connection's `db`; the scheduler never closes it. */
  | { backend: 'mongo'; db: mongo.Db };

export type SchedulerOptions = SchedulerBackendChoice & {
  /** How often agenda looks for due jobs: milliseconds or agenda's words ('5 seconds'). */
  processEvery?: number | string;
};

/**
 * An Agenda on the chosen backend, connected and ready for `define`, `every` and `start`.
 * agenda 6 connects in its constructor and leaves a failed connection as an unhandled
 * rejection, so the backend is connected here first: a failure rejects this call with one
 * clear error and no Agenda is made.
 */
export async function createScheduler(options: SchedulerOptions): Promise<Agenda> {
  // agenda works out each job's next run with luxon, which asks the runtime for the system's locale
  // (and zone) on first use: ICU's tables, some 10 MiB held for as long as the bot runs, to add an
  // interval to a date. The bot's jobs repeat at plain intervals (see jobs.ts): neither matters.
  DateLibrary.defaultLocale = 'en-GB';
  DateLibrary.defaultZone = 'utc';
  // The MongoDB backend (and its driver) is loaded only when the jobs live in MongoDB.
  const backend = options.backend === 'memory' ? new InMemoryAgendaBackend() : new (await import('@agendajs/mongo-backend')).MongoBackend({ mongo: options.db });
  try {
    await backend.connect();
    if (options.backend === 'mongo') await ensureOneRecurringJobPerName(options.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      ErrorCode.NotPossible,
      `The scheduler cannot use its ${backend.name} backend: ${reason}. Check MONGODB_URI and that the server is running.`,
    );
  }
  return new Agenda({
    backend: alreadyConnected(backend),
    ...(options.processEvery === undefined ? {} : { processEvery: options.processEvery }),
  });
}

/** The same backend, with `connect` a no-op so Agenda's constructor cannot fail on it again. */
function alreadyConnected(backend: AgendaBackend): AgendaBackend {
  return {
    name: backend.name,
    repository: backend.repository,
    notificationChannel: backend.notificationChannel,
    logger: backend.logger,
    ownsConnection: backend.ownsConnection,
    connect: async () => {},
    disconnect: () => backend.disconnect(),
  };
}
