import type { Typed } from '../../app/formInput.ts';

/** What was typed into a verb's inputs on a card (`<verb>.<field>`), by field id; other forms' inputs on the same card are left out. */
export function typedOnCard(verb: string, data: Record<string, unknown>): Typed {
  const prefix = `${verb}.`;
  return Object.fromEntries(Object.entries(data).flatMap(([key, value]) => (key.startsWith(prefix) && typeof value === 'string' ? [[key.slice(prefix.length), value]] : [])));
}
