import type { DecisionName } from '../core/decisions/index.ts';
import { SESSIONS, WEEKDAYS } from '../core/placement/placement.ts';
import { PUPIL_FLAGS } from '../views/newPlacementForm.ts';
import type { FormField } from '../views/viewModel.ts';
import { linesOf, tidyNewPlacementInput } from './newPlacementInput.ts';

/** What a person typed or picked, by field id: text as typed, a multiple choice as its picks. */
export type Typed = Record<string, string | string[]>;

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

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];

function read(kind: FormField['kind'] | undefined, raw: string | string[]): unknown {
  if (Array.isArray(raw)) return raw;
  const value = raw.trim();
  // An empty date or text is a field left empty: the decision's default applies.
  if (value === '') return undefined;
  // Teams sends a multiple choice as one comma-joined string.
  return kind === 'multiChoice' ? listOf(value) : raw;
}

/** The new-placement forms' fields as the decision wants them: flags as yes/no, sessions as a timetable, objectives as a list. */
function newPlacementInput(decision: DecisionName, input: Record<string, unknown>): Record<string, unknown> {
  const pupil = (input['pupil'] ?? {}) as Record<string, unknown>;
  const { flags, ...rest } = pupil;
  const ticked = new Set(listOf(flags));
  const shaped: Record<string, unknown> = { ...input, pupil: decision === 'commissionPlacement' ? { ...rest, ...Object.fromEntries(PUPIL_FLAGS.map((f) => [f.value, ticked.has(f.value)])) } : rest };
  if (decision === 'proposePartTimeTimetable') {
    const slots = new Set(listOf(input['timetable']));
    shaped['timetable'] = Object.fromEntries(WEEKDAYS.map((day) => [day, SESSIONS.filter((s) => slots.has(`${day}.${s}`))]));
  }
  if (typeof input['objectives'] === 'string') shaped['objectives'] = linesOf(input['objectives']);
  return tidyNewPlacementInput(shaped);
}

/**
 * A decision's input from a form or a button, the same on both chats: what the card fixed, plus
 * what was typed (field ids may be paths, `pupil.ref`); the fields' kinds say how to read it.
 */
export function decisionInput(decision: DecisionName, fixed: Record<string, unknown>, typed: Readonly<Typed>, fields: readonly Pick<FormField, 'id' | 'kind'>[]): Record<string, unknown> {
  const input: Record<string, unknown> = { ...fixed };
  for (const [id, raw] of Object.entries(typed)) {
    const value = read(fields.find((f) => f.id === id)?.kind, raw);
    if (value !== undefined) setPath(input, id, value);
  }
  return decision === 'commissionPlacement' || decision === 'proposePartTimeTimetable' ? newPlacementInput(decision, input) : input;
}
