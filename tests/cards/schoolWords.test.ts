import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLACEMENT_KINDS } from '../../src/core/placement/placement.ts';
import { CHECKLIST_ITEMS } from '../../src/core/placement/events.ts';
import { ROLES } from '../../src/core/policy/roles.ts';

// What a person reads on a card or message, from the rendered snapshots of every view on both
// chats; what rides back in a button (payloads, ids, values) is not read, so it is left out.

const DIR = new URL('./__snapshots__/', import.meta.url);
const NOT_SHOWN = new Set(['data', 'id', 'action_id', 'block_id', 'callback_id', 'private_metadata', 'verb', 'refresh', 'inputId', 'initial_date', 'selectAction', 'msteams', 'type', 'style', 'size', 'weight', 'color', 'width', 'spacing', 'version', '$schema', 'verticalContentAlignment', 'horizontalAlignment', 'userIds']);

/** A `value` is read by people in a fact or a text input; a button's, a choice's or a date picker's goes back to the bot or is drawn by the client. */
function valueShown(owner: Record<string, unknown>, within: string): boolean {
  const type = owner['type'];
  if (type === 'button' || type === 'Input.Date' || type === 'Input.ChoiceSet' || type === 'Input.Toggle') return false;
  return within !== 'choices' && within !== 'options' && within !== 'initial_options' && within !== 'initial_option';
}

/** Every string a person sees: Adaptive Card text, facts, titles, labels and choices; Block Kit text. */
function shownText(node: unknown, within = ''): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap((n) => shownText(n, within));
  if (node === null || typeof node !== 'object') return [];
  const owner = node as Record<string, unknown>;
  return Object.entries(owner).flatMap(([k, v]) => (NOT_SHOWN.has(k) || (k === 'value' && !valueShown(owner, within)) ? [] : shownText(v, k)));
}

const snapshots = ['teams', 'slack'].flatMap((platform) =>
  readdirSync(new URL(`${platform}/`, DIR))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `${platform}/${f}`, text: shownText(JSON.parse(readFileSync(new URL(`${platform}/${f}`, DIR), 'utf8'))) })),
);

const CODES: { what: string; pattern: RegExp }[] = [
  { what: 'a placement id', pattern: /\bP-[A-Z0-9]{2,}/ },
  { what: 'an ISO date', pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
  { what: 'a session code', pattern: /\b(mon|tue|wed|thu|fri)\.(am|pm)\b|\b\d{4}-\d{2}-\d{2} (am|pm)\b/ },
  { what: 'a kind code', pattern: new RegExp(`\\b(${PLACEMENT_KINDS.join('|')})\\b`) },
  { what: 'a checklist key', pattern: new RegExp(`\\b(${CHECKLIST_ITEMS.join('|')}|la informed)\\b`, 'i') },
  { what: 'a role key', pattern: new RegExp(`\\b(${ROLES.filter((r) => r.includes('_')).join('|')})\\b|\\((ap lead|attendance officer)\\)`) },
  { what: 'a snake_case code', pattern: /\b[a-z]+_[a-z_]+\b/ },
];

describe('the school’s words on every screen', () => {
  it('finds the snapshots of both chats to read', () => {
    expect(snapshots.filter((s) => s.name.startsWith('teams/')).length).toBeGreaterThan(10);
    expect(snapshots.filter((s) => s.name.startsWith('slack/')).length).toBeGreaterThan(10);
  });

  it.each(snapshots)('$name shows no internal id, code or ISO date', ({ text }) => {
    // Slack's emoji (:white_check_mark:) and _italics_ are markup, not words.
    const words = text.map((t) => t.replace(/:[a-z0-9_+-]+:/g, ' ').replace(/(^|[\s*(])_([^_\n]+)_(?=$|[\s*).,])/g, '$1$2'));
    const found = words.flatMap((t) => CODES.filter((c) => c.pattern.test(t)).map((c) => `${c.what}: “${t}”`));
    expect(found).toEqual([]);
  });
});
