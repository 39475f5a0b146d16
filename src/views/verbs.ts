import type { DecisionName } from '../core/decisions/index.ts';

/**
 * The verbs a card can send back that are not decisions: they ask for another card. Every other
 * verb is a decision's name (src/core/decisions), and the adapters route it to `decide`.
 *
 * - `openReviewForm`, `openConcernForm`, `openEndPlacementForm`: show that form for the placement.
 * - `showReminder`: show the full reminder for one obligation (`input.obligation`), from a digest.
 * - `showPlacement`: show the placement summary (`/ap status <ref>`).
 * - `showMore`: the next page of a list (`input.offset`, `input.list`).
 * - `refreshCard`: Teams asks for the card as it stands now (the card's `refresh` action).
 */
export const VIEW_VERBS = ['openReviewForm', 'openConcernForm', 'openEndPlacementForm', 'showReminder', 'showPlacement', 'showMore', 'refreshCard'] as const;
export type ViewVerb = (typeof VIEW_VERBS)[number];

export type Verb = DecisionName | ViewVerb;

export function isViewVerb(verb: string): verb is ViewVerb {
  return (VIEW_VERBS as readonly string[]).includes(verb);
}
