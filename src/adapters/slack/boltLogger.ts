import { LogLevel, type Logger } from '@slack/bolt';
import type { Log } from '../../ports/chatAdapter.ts';

/**
 * Bolt's and the web client's log lines, passed to the bot's log. Debug lines are dropped: the
 * web client writes whole request bodies there, and those name pupils.
 */
export function boltLogger(log: Log): Logger {
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info({ component: 'slack' }, line(msg)),
    warn: (...msg: unknown[]) => log.warn({ component: 'slack' }, line(msg)),
    error: (...msg: unknown[]) => log.error({ component: 'slack' }, line(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
