import type { IncomingMessage, ServerResponse } from 'node:http';
import type { School } from '../core/policy/schoolConfig.ts';
import type { NudgeChannel } from './nudgeChannel.ts';
import type { Clock } from './clock.ts';
import type { Stores } from './stores.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The minimal structured logger the adapters use; never given personal data. */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What the composition root hands a chat adapter. */
export interface ChatDeps {
  stores: Stores;
  schools: readonly School[];
  clock: Clock;
  log: Log;
  /** Demo mode: the example school, demo-only commands such as `demo as headteacher`. */
  demo: boolean;
  /** A signed link to the register web page for one member of staff, good for 15 minutes. */
  registerLink(schoolId: string, staffId: string): { url: string; expiresAt: Date };
  /** Resolves when work after an ack may start: once no request on the server waits for its own ack. */
  afterAcks?: () => Promise<void>;
}

/** A chat platform wired in: its HTTP routes, its delivery channel for nudges, and its lifecycle. */
export interface ChatAdapter {
  name: string;
  /** Path (e.g. `/api/messages`) to handler, mounted on the bot's HTTP server. */
  routes: Readonly<Record<string, RequestHandler>>;
  channel: NudgeChannel;
  /** Resolves once every turn acknowledged before it ran has finished (its replies sent). */
  settled?(): Promise<void>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
