import { AppError, ErrorCode } from '../core/errors.ts';
import type { FormCard, FormView } from '../views/formView.ts';
import type { Identified } from './identity.ts';
import { formFor } from './guards.ts';
import { placementForPupil, type ReadStores } from './queries.ts';

/** The commands staff type (Teams: a message or @mention; Slack: `/ap …`). */
export type Command =
  | { name: 'help' }
  | { name: 'due' }
  | { name: 'new' }
  | { name: 'ptt propose' }
  | { name: 'post here' }
  | { name: 'register' }
  | { name: 'status'; ref?: string }
  | { name: 'review'; ref: string }
  | { name: 'concern'; ref: string }
  | { name: 'end'; ref: string };

export const COMMAND_HELP: readonly { usage: string; says: string }[] = [
  { usage: 'due', says: 'what you need to do, soonest first' },
  { usage: 'status [pupil ref]', says: 'where a placement stands, or all of them' },
  { usage: 'review <pupil ref>', says: 'record a placement review' },
  { usage: 'concern <pupil ref>', says: 'log a concern (it goes to the DSL only)' },
  { usage: 'end <pupil ref>', says: 'end a placement' },
  { usage: 'new', says: 'commission a new placement' },
  { usage: 'ptt propose', says: 'propose a part-time timetable' },
  { usage: 'register', says: 'a link to the register: every open placement on one page, each pupil\'s chronology' },
  { usage: 'post here', says: 'in a team channel: post the morning overview there' },
  { usage: 'help', says: 'this list' },
];

const REF = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

function helpText(): string {
  return COMMAND_HELP.map((c) => `${c.usage}: ${c.says}`).join('\n');
}

/** Reads a command; anything else gets a user error listing what works. */
export function parseCommand(text: string): Command {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, second, ...rest] = words;
  const name = (first ?? 'help').toLowerCase();
  const needRef = (command: 'review' | 'concern' | 'end'): Command => {
    if (!second || !REF.test(second) || rest.length > 0)
      throw new AppError(ErrorCode.InvalidInput, `Say which pupil, by their reference: ${command} <pupil ref>, for example ${command} Y9-0412.`);
    return { name: command, ref: second.toUpperCase() };
  };

  switch (name) {
    case 'help':
    case 'due':
    case 'new':
    case 'register':
      if (second === undefined) return { name };
      break;
    case 'status':
      if (second === undefined) return { name };
      if (REF.test(second) && rest.length === 0) return { name, ref: second.toUpperCase() };
      break;
    case 'review':
    case 'concern':
    case 'end':
      return needRef(name);
    case 'post':
      if (second?.toLowerCase() === 'here' && rest.length === 0) return { name: 'post here' };
      break;
    case 'ptt':
      if (second?.toLowerCase() === 'propose' && rest.length === 0) return { name: 'ptt propose' };
      break;
  }
  const typed = text.trim().slice(0, 60);
  const guess = nearMiss(words);
  throw new AppError(ErrorCode.InvalidInput, `I don't know "${typed}".${guess ? ` Did you mean "${guess}"?` : ''} Here is what works:\n${helpText()}`);
}

const COMMAND_WORDS = ['help', 'due', 'new', 'status', 'review', 'concern', 'end', 'post here', 'ptt propose'];

/** Edits (insert, delete, change, swap two neighbours) between two short words. */
function editsBetween(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

/** The command someone nearly typed ("reveiw Y9-0412" → "review Y9-0412"), kept with what followed it. */
function nearMiss(words: readonly string[]): string | undefined {
  const [first, ...rest] = words;
  if (!first) return undefined;
  const said = first.toLowerCase();
  const scored = COMMAND_WORDS.map((command) => {
    const head = command.split(' ')[0] as string;
    return { command, head, edits: editsBetween(said, head) };
  }).filter((c) => c.edits > 0 && c.edits <= (c.head.length > 4 ? 2 : 1));
  const best = scored.sort((a, b) => a.edits - b.edits)[0];
  if (!best) return undefined;
  const tail = best.command.includes(' ') ? rest.slice(1) : rest;
  return [best.command, ...tail].join(' ');
}

type FormCommand = Extract<Command, { name: 'new' | 'ptt propose' | 'review' | 'concern' | 'end' }>;

/** The commands that open a form, and which form each opens. */
export const FORM_COMMANDS: Readonly<Record<FormCommand['name'], FormCard>> = {
  new: 'newPlacementForm',
  'ptt propose': 'timetableProposalForm',
  review: 'reviewForm',
  concern: 'concernForm',
  end: 'endPlacementForm',
};

/** The form a command opens (for the pupil's open placement, if it names one); refused now, not after it is filled in. */
export async function formForCommand(stores: ReadStores, who: Identified, command: FormCommand, now: Date): Promise<FormView> {
  const placement = 'ref' in command ? await placementForPupil(stores, who.school, command.ref) : null;
  return formFor(who, FORM_COMMANDS[command.name], placement, now);
}
