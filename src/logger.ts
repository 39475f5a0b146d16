import pino from 'pino';
import type { Log } from './ports/chatAdapter.ts';

/** Structured JSON logs. Pupils appear by internal id only; concern details and names never. */
export function createLogger(level: string): Log & { child(bindings: object): Log } {
  return pino({ level, base: { service: 'apbot' }, redact: { paths: ['*.details', '*.name', '*.pupilView', '*.parentView'], remove: true } });
}
