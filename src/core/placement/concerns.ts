import type { ConcernDecision, EventOf } from './events.ts';
import type { Placement } from './placement.ts';

export type ConcernState = 'logged' | 'acknowledged' | 'decided' | 'closed';

/** A concern and how far the DSLs have taken it. */
export interface ConcernCase {
  id: string;
  concern: EventOf<'concern'>;
  state: ConcernState;
  acknowledged?: EventOf<'concern_acknowledged'>;
  decision?: EventOf<'concern_decision'>;
  closed?: EventOf<'concern_closed'>;
}

/** A concern is named by its place among the placement's concerns (the history only grows): "C1", "C2". */
export function concernIdOf(nth: number): string {
  return `C${nth}`;
}

/** Every concern on a placement with its state, oldest first. */
export function concernCases(placement: Placement): ConcernCase[] {
  const { history } = placement;
  const concerns = history.filter((e): e is EventOf<'concern'> => e.type === 'concern');
  return concerns.map((e, index) => {
    const id = concernIdOf(index + 1);
    const step = <T extends 'concern_acknowledged' | 'concern_decision' | 'concern_closed'>(type: T) =>
      history.find((s): s is EventOf<T> => s.type === type && s.concern === id);
    const acknowledged = step('concern_acknowledged');
    const decision = step('concern_decision');
    const closed = step('concern_closed');
    const state: ConcernState = closed ? 'closed' : decision ? 'decided' : acknowledged ? 'acknowledged' : 'logged';
    return { id, concern: e, state, ...(acknowledged ? { acknowledged } : {}), ...(decision ? { decision } : {}), ...(closed ? { closed } : {}) };
  });
}

/** How a concern is named on a duty: "safeguarding concern 2026-02-09", numbered when one day has two. */
export function concernSubject(c: ConcernCase, all: readonly ConcernCase[]): string {
  const base = `${c.concern.category} concern ${c.concern.on}`;
  const same = all.filter((o) => o.concern.category === c.concern.category && o.concern.on === c.concern.on);
  return same.length > 1 ? `${base} #${same.indexOf(c) + 1}` : base;
}

export function concernCase(placement: Placement, id: string): ConcernCase | undefined {
  return concernCases(placement).find((c) => c.id === id);
}

export const CONCERN_DECISION_WORDS: Record<ConcernDecision, string> = {
  no_further_action: 'no further action',
  monitor: 'monitor',
  early_help: 'early help',
  childrens_social_care: "referral to children's social care",
  police: 'referral to the police',
  lado: 'referral to the LADO',
};
