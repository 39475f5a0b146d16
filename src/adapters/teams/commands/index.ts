import { parseCommand, type Command } from '../../../app/commands.ts';
import type { Turn } from '../turn.ts';
import { demoAs } from './demoAs.ts';
import { due } from './due.ts';
import { form } from './forms.ts';
import { help } from './help.ts';
import { postHere } from './postHere.ts';
import { register } from './register.ts';
import { status } from './status.ts';

type Handler<C extends Command> = (turn: Turn, command: C) => Promise<void>;

const HANDLERS: { [N in Command['name']]: Handler<Extract<Command, { name: N }>> } = {
  help: (turn) => help(turn),
  due: (turn) => due(turn),
  status: (turn, c) => status(turn, c.ref),
  review: form,
  concern: form,
  end: form,
  new: form,
  'ptt propose': form,
  'post here': (turn) => postHere(turn),
  register: (turn) => register(turn),
};

const DEMO_AS = /^demo\s+as\s+(.+)$/i;

/** Runs what someone typed; a command that is not one throws the user error that lists what works. */
export async function runCommand(turn: Turn, text: string): Promise<void> {
  const demo = DEMO_AS.exec(text.trim());
  if (demo?.[1] !== undefined && turn.deps.personas) return demoAs(turn, demo[1]);
  const command = parseCommand(text);
  await (HANDLERS[command.name] as Handler<Command>)(turn, command);
}
