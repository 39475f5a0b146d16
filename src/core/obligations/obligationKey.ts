import type { Obligation } from './obligation.ts';

/** Names one obligation of a placement: `placement_review:Spring 2026 first half`. */
export function obligationKey(o: Pick<Obligation, 'type' | 'subject'>): string {
  return o.subject === null ? o.type : `${o.type}:${o.subject}`;
}

