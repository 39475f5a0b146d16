import type { Obligation } from '../core/obligations/obligation.ts';
import type { Placement } from '../core/placement/placement.ts';
import { placementAction } from './actions.ts';
import { kindName, pupilLabel, sentence } from './names.ts';
import { moreButton, pageOf } from './paging.ts';
import type { CardBase, ViewAction, Viewer } from './viewModel.ts';

/** A school can have dozens of pupils in AP: twenty a page keeps every platform's limits. */
export const PLACEMENT_LIST_PAGE_SIZE = 20;

export interface PlacementListItem {
  /** "JS · Y9-0412" */
  text: string;
  /** "Off-site alternative provision · Active · 5 open, 2 late" */
  detail: string;
  late: boolean;
  open: ViewAction;
}

export interface PlacementListView extends CardBase {
  card: 'placementList';
  items: PlacementListItem[];
  /** "Showing 21 to 40 of 53", or empty when there are none. */
  shown: string;
  /** The next page, or null on the last one. */
  more: ViewAction | null;
}

/** `status` with no pupil: every open placement, a page at a time, each with a button to its summary. */
export function placementList(open: readonly { placement: Placement; obligations: readonly Obligation[] }[], viewer: Viewer, requestedOffset: unknown = 0): PlacementListView {
  const page = pageOf(open, requestedOffset, PLACEMENT_LIST_PAGE_SIZE);
  return {
    card: 'placementList',
    title: open.length === 0 ? 'There are no open placements' : `Open placements (${open.length})`,
    items: page.items.map(({ placement, obligations }) => {
      const due = obligations.filter((o) => o.stage !== 'scheduled').length;
      const late = obligations.filter((o) => o.stage === 'overdue' || o.stage === 'escalated').length;
      return {
        text: pupilLabel(placement).label,
        detail: `${kindName(placement.kind)} · ${sentence(placement.status)} · ${due} open${late > 0 ? `, ${late} late` : ''}`,
        late: late > 0,
        // Opened from here, the placement offers the way back to this page of the list.
        open: placementAction(placement, { verb: 'showPlacement', title: 'Open', input: { back: 'placements', backOffset: page.offset } }),
      };
    }),
    shown: page.shown,
    more: moreButton(page, null, 'showMore', 'placements', { list: 'placements' }),
    placementId: null,
    version: null,
    participants: [viewer.staffId],
    actions: [],
  };
}
