import { randomUUID } from 'node:crypto';
import type { Log } from './ports/chatAdapter.ts';

/**
 * The last line of defence: an error no request handler caught (a library throwing outside its own
 * error handling) is logged with an incident id, and the server keeps serving the other requests
 * instead of the process stopping. Decisions are all-or-nothing in the store, so nothing half-done
 * is left behind. Only the error's name and stack frames are logged: its message may quote input.
 */
export function guardProcess(log: Log, target: NodeJS.EventEmitter = process): void {
  const report = (kind: string) => (error: unknown) =>
    log.error(
      { incident: randomUUID().slice(0, 8), kind, error: error instanceof Error ? error.name : typeof error, frames: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined },
      'an error escaped a request handler; still serving',
    );
  target.on('uncaughtException', report('uncaught exception'));
  target.on('unhandledRejection', report('unhandled rejection'));
}
