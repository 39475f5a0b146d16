import type { AgendaBackend } from 'agenda';
import { InMemoryJobRepository } from './inMemoryJobRepository.ts';

/**
 * agenda's backend for running without MongoDB: jobs live in this process and last as long as
 * the backend object. Several Agenda instances may share one backend (they then share its jobs
 * and locks, as instances sharing one MongoDB collection do). Like MongoBackend it offers no
 * notification channel, so Agenda finds new jobs by polling every `processEvery`.
 */
export class InMemoryAgendaBackend implements AgendaBackend {
  readonly name = 'InMemory';
  readonly repository = new InMemoryJobRepository();
  /** The jobs outlive `agenda.stop()`: another instance, or a restarted one, finds them still there. */
  readonly ownsConnection = false;

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}
}
