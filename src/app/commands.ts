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
  { usage: 'post here', says: 'in a team channel: post the morning overview of AP duties there (AP lead or headteacher)' },
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
  throw new AppError(ErrorCode.InvalidInput, `I don't know "${text.trim().slice(0, 60)}". Here is what works:\n${helpText()}`);
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
