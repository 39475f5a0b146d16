import { readEnv, type Env } from './config/env.ts';
import { createLogger } from './logger.ts';
import { guardProcess } from './processGuard.ts';
import { startBot } from './server.ts';

/** `npm start`: read the environment, start the bot, stop cleanly on SIGTERM or Ctrl-C. */
async function main(): Promise<void> {
  let env: Env;
  try {
    env = readEnv();
  } catch (error) {
    process.stderr.write(`apbot cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  guardProcess(createLogger(env.LOG_LEVEL));
  try {
    const bot = await startBot(env);
    const shutdown = () => void bot.stop().then(() => process.exit(0));
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    process.stderr.write(`apbot cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(1);
  }
}


await main();
