import { linesOf, tidyNewPlacementInput } from '../../app/newPlacementInput.ts';
import type { DecisionName } from '../../core/decisions/index.ts';
import type { FieldKind as ViewFieldKind, FormField } from '../../views/viewModel.ts';
import { FORMS, timetableOf, type FieldKind } from './forms.ts';

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => UNSAFE_KEYS.has(p))) return;
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : (node[part] = {});
  }
  node[parts.at(-1) ?? path] = value;
}

function read(kind: FieldKind | ViewFieldKind | undefined, raw: unknown): unknown {
  // Teams sends every input as a string; anything else came from somewhere else and is passed on for the decision to refuse.
  if (typeof raw !== 'string') return raw;
  const value = raw.trim();
  // An empty date or text is a field left empty: the decision's default applies.
  if (value === '') return undefined;
  switch (kind) {
    case 'multiChoice':
      return value.split(',').map((v) => v.trim()).filter(Boolean);
    case 'toggle':
      return value === 'true';
    case 'timetable':
      return timetableOf(value);
    case 'lines':
      return linesOf(value);
    default:
      return raw;
  }
}

/**
 * The decision input from a card action: the values fixed on the button (`data.input`) and what
 * was typed into this verb's inputs (`<verb>.<field>`); inputs of other forms on the same card are
 * left out. `fields` are what the views ask for with this verb, so their kinds say how to read them.
 */
export function inputFromCard(verb: string, data: Record<string, unknown>, fields: readonly Pick<FormField, 'id' | 'kind'>[]): Record<string, unknown> {
  const fixed = data['input'];
  const input: Record<string, unknown> = fixed !== null && typeof fixed === 'object' && !Array.isArray(fixed) ? { ...(fixed as Record<string, unknown>) } : {};
  const standIn = FORMS[verb as DecisionName];
  const prefix = `${verb}.`;
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(prefix)) continue;
    const id = key.slice(prefix.length);
    const kind = standIn ? standIn.fields.find((f) => f.id === id)?.kind : fields.find((f) => f.id === id)?.kind;
    // A stand-in form's ids are paths (`pupil.ref`); the views' are flat.
    if (standIn && kind === undefined) continue;
    const value = read(kind, raw);
    if (value === undefined) continue;
    if (standIn) setPath(input, id, value);
    else if (!UNSAFE_KEYS.has(id)) input[id] = value;
  }
  if (verb === 'proposePartTimeTimetable' && input['timetable'] === undefined) input['timetable'] = timetableOf('');
  return standIn ? tidyNewPlacementInput(input) : input;
}

/** The values typed into a form by field id, to fill it in again when it comes back with a problem. */
export function typedValues(verb: string, data: Record<string, unknown>): Record<string, string> {
  const prefix = `${verb}.`;
  return Object.fromEntries(Object.entries(data).flatMap(([key, value]) => (key.startsWith(prefix) && typeof value === 'string' ? [[key.slice(prefix.length), value.slice(0, 3000)]] : [])));
}
