import { z } from 'zod';
import { ErrorCode } from '../core/errors.ts';
import { parseOrThrow } from '../core/validation.ts';

const optional = z.string().trim().min(1).optional();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Every setting apbot reads from the environment (.env.example explains each). Checked once, at start. */
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('127.0.0.1'),
    SCHOOLS_DIR: optional,
    DEMO_NOW: z.string().regex(ISO_INSTANT, { message: 'is not an ISO instant with offset, e.g. 2026-02-09T08:00:00Z' }).optional(),
    STORE: z.enum(['memory', 'mongo']).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, { message: 'is not a mongodb:// URI' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MicrosoftAppId: optional,
    MicrosoftAppPassword: optional,
    MicrosoftAppTenantId: optional,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    SLACK_SIGNING_SECRET: optional,
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, { message: 'is not a bot token (xoxb-…)' }).optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, { message: 'is not an app-level token (xapp-…)' }).optional(),
    SLACK_API_URL: z.url().optional(),
    /** Signs links to the register; unset, one is generated and kept in DATA_DIR. */
    LINK_SECRET: z.string().min(32, { message: 'must be at least 32 characters (openssl rand -hex 32)' }).optional(),
    /** The address staff open the register at (https://apbot.example.sch.uk); defaults to where the bot listens. */
    PUBLIC_URL: z.url().optional(),
  })
  .transform((env) => ({ ...env, STORE: env.STORE ?? (env.MONGODB_URI ? 'mongo' : 'memory') }))
  .superRefine((env, ctx) => {
    if (env.STORE === 'mongo' && !env.MONGODB_URI) ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'is needed when STORE=mongo' });
    if (env.SCHOOLS_DIR && env.DEMO_NOW) ctx.addIssue({ code: 'custom', path: ['DEMO_NOW'], message: 'is for the demo only; unset it when SCHOOLS_DIR is set' });
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI')
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is needed with MicrosoftAppId' });
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId)
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is needed for a SingleTenant app' });
    if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN))
      ctx.addIssue({ code: 'custom', path: [env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN'], message: 'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
  });

export type Env = z.output<typeof envSchema>;

/** Reads the environment; an invalid value stops the start with every problem named. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`FOO=` in a .env file) means unset.
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  return parseOrThrow(envSchema, set, 'The environment', ErrorCode.InvalidConfig);
}

/** Demo mode: no school configured, so the example school runs on a demo clock. */
export function isDemo(env: Env): boolean {
  return env.SCHOOLS_DIR === undefined;
}
