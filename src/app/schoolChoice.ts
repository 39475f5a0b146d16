import type { School } from '../core/policy/schoolConfig.ts';
import type { ConversationStore } from '../ports/conversationStore.ts';
import { identify, type Identified, type PlatformIdentity } from './identity.ts';

/** The member of staff behind a chat user, for this conversation; or a stranger; or an answer to give instead. */
export type StaffHere = { kind: 'staff'; who: Identified } | { kind: 'stranger' } | { kind: 'answer'; text: string };

/** Where a person acts: a conversation, or (a Slack modal, App Home) nowhere in particular: their latest choice then. */
export interface Conversation {
  id: string | undefined;
  /** How a command is typed there: `/ap ` in Slack, nothing in Teams. */
  commandPrefix: string;
}

const SCHOOL_COMMAND = /^school\b\s*(.*)$/is;
/** Kept beside the person's chats: `#` marks what is not a person's own conversation. */
const choiceKey = (staffId: string, conversationId: string) => `#school-choice:${staffId}:${conversationId}`;
const ANYWHERE = '*';

/**
 * Finds who someone is in the school this conversation is about. Someone on the staff of more than
 * one school is asked which school on first use in a conversation; `school <name>` answers (or
 * changes it), and the answer is kept for that conversation. Someone in one school never sees this.
 */
export async function staffHere(schools: readonly School[], conversations: ConversationStore, who: PlatformIdentity, where: Conversation, text: string | undefined, now: Date): Promise<StaffHere> {
  const matches = identify(schools, who);
  if (matches.length === 0) return { kind: 'stranger' };
  const asked = text === undefined ? null : SCHOOL_COMMAND.exec(text.trim());
  if (asked) {
    const wanted = (asked[1] ?? '').trim();
    const picked = wanted === '' ? undefined : pick(matches, wanted);
    if (!picked) return { kind: 'answer', text: question(matches, where, wanted) };
    if (matches.length === 1) return { kind: 'answer', text: `You are on the staff of ${nameOf(picked)} only, so that is where you are working.` };
    for (const id of [where.id ?? ANYWHERE, ANYWHERE])
      await conversations.save(picked.school.id, choiceKey(picked.staff.id, id), who.platform, { chosenAt: now.toISOString() }, now);
    return { kind: 'answer', text: `Now working in ${nameOf(picked)}${where.id ? ' in this conversation' : ''}. Say \`${where.commandPrefix}school <name>\` to change.` };
  }
  if (matches.length === 1) return { kind: 'staff', who: matches[0] as Identified };
  const chosen = await newestChoice(conversations, matches, who, where.id ?? ANYWHERE);
  return chosen ? { kind: 'staff', who: chosen } : { kind: 'answer', text: question(matches, where) };
}

async function newestChoice(conversations: ConversationStore, matches: Identified[], who: PlatformIdentity, conversationId: string): Promise<Identified | undefined> {
  let newest: { match: Identified; at: number } | undefined;
  for (const match of matches) {
    const saved = await conversations.get(match.school.id, choiceKey(match.staff.id, conversationId), who.platform);
    if (saved && (!newest || saved.savedAt.getTime() > newest.at)) newest = { match, at: saved.savedAt.getTime() };
  }
  return newest?.match;
}

/** The one school a name means: its id, its full name, or words from it that fit no other. */
function pick(matches: Identified[], wanted: string): Identified | undefined {
  const w = wanted.toLowerCase();
  const exact = matches.filter((m) => m.school.id === w || nameOf(m).toLowerCase() === w);
  if (exact.length === 1) return exact[0];
  const partial = matches.filter((m) => nameOf(m).toLowerCase().includes(w));
  return partial.length === 1 ? partial[0] : undefined;
}

function question(matches: Identified[], where: Conversation, wanted?: string): string {
  const names = matches.map(nameOf);
  const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const unknown = wanted ? `I don't know which school "${wanted}" means. ` : '';
  return `${unknown}You are on the staff of ${list}. Which school is this about? Say ${names.map((n) => `\`${where.commandPrefix}school ${n}\``).join(' or ')}, then ask again.`;
}

function nameOf(match: Identified): string {
  return match.school.config.school.name;
}
