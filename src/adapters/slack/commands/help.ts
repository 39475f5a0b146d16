import { helpMessage } from '../render.ts';
import type { CommandRun } from './index.ts';

export async function help({ reply }: CommandRun): Promise<void> {
  await reply(helpMessage());
}
