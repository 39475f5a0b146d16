import type { Placement } from '../core/placement/placement.ts';
import { placementAction } from './actions.ts';
import type { InputValue, ViewAction } from './viewModel.ts';

/** One page of a long list on a card, and what the card's "show more" button needs. */
export interface Page<T> {
  items: T[];
  /** "Showing 11 to 20 of 62", or empty when the list is. */
  shown: string;
  /** Where the next page starts, or null on the last page. */
  next: number | null;
  /** How many the next page holds: "Show 7 more". */
  nextCount: number;
  /** Where this page starts. */
  offset: number;
}

/**
 * The page starting at the offset a "show more" button carried; the first page when the offset is
 * not a whole number inside the list (a list that shrank since, or a value someone made up).
 */
export function pageOf<T>(all: readonly T[], requestedOffset: unknown, size: number): Page<T> {
  const valid = typeof requestedOffset === 'number' && Number.isInteger(requestedOffset) && requestedOffset >= 0 && requestedOffset < all.length;
  const offset = valid ? requestedOffset : 0;
  const items = all.slice(offset, offset + size);
  const end = offset + items.length;
  return {
    items,
    shown: all.length === 0 ? '' : `Showing ${offset + 1} to ${end} of ${all.length}`,
    next: end < all.length ? end : null,
    nextCount: Math.min(size, all.length - end),
    offset,
  };
}

/**
 * The "Show 10 more" button for the page after this one, or null on the last page. It carries
 * `input.offset` (and whatever else names the list) back to the verb that draws the list.
 */
export function moreButton(page: Page<unknown>, on: Pick<Placement, 'id' | 'version'> | null, verb: 'showMore' | 'showPlacement', list: string, input: Record<string, InputValue> = {}): ViewAction | null {
  if (page.next === null) return null;
  return placementAction(on, { verb, title: `Show ${page.nextCount} more`, variant: `${list}:${page.next}`, input: { ...input, offset: page.next } });
}
