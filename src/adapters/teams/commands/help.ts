import { asTyped } from '../text.ts';
import { COMMAND_HELP } from '../../../app/commands.ts';
import type { Turn } from '../turn.ts';

export function helpText(demo: boolean): string {
  const lines = COMMAND_HELP.map((c) => `- **${asTyped(c.usage)}**: ${asTyped(c.says)}`);
  if (demo) lines.push('- **demo as &lt;role&gt;**: try the bot as the headteacher, DSL, attendance officer… (demo only; "demo as me" to go back)');
  return `Here is what I can do:\n\n${lines.join('\n')}`;
}

export async function help(turn: Turn): Promise<void> {
  await turn.context.sendActivity(helpText(turn.deps.demo));
}
