import type { EventEmitter } from 'node:events';
import type { Agenda, AgendaEventName } from 'agenda';

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first argument of the next `event`, or rejects after `timeoutMs`. */
export function nextEvent(agenda: Agenda, event: AgendaEventName, timeoutMs = 3000): Promise<unknown> {
  return eventCount(agenda, event, 1, timeoutMs).then((args) => args[0]);
}

/** Resolves once `event` has fired `count` times, with each firing's first argument. */
export function eventCount(agenda: Agenda, event: AgendaEventName, count: number, timeoutMs = 3000): Promise<unknown[]> {
  // Agenda's typed overloads take one event name at a time; any name is fine to the emitter.
  const emitter: EventEmitter = agenda;
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    const timer = setTimeout(() => {
      emitter.off(event, onEvent);
      reject(new Error(`waited ${timeoutMs} ms for ${count} "${event}" events, saw ${seen.length}`));
    }, timeoutMs);
    function onEvent(first: unknown): void {
      seen.push(first);
      if (seen.length < count) return;
      clearTimeout(timer);
      emitter.off(event, onEvent);
      resolve(seen);
    }
    emitter.on(event, onEvent);
  });
}

/** Schedules `name` now and waits for `event`, listening first so a fast job is not missed. */
export async function runNowAndWait(agenda: Agenda, name: string, event: AgendaEventName, data?: Record<string, unknown>): Promise<void> {
  const happened = nextEvent(agenda, event);
  await agenda.now(name, data);
  await happened;
}
