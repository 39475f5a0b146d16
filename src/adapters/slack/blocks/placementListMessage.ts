import type { PlacementListView } from '../../../views/placementList.ts';
import { actionBlocks, button, context, escape, header, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

/** `/ap status`: twenty placements a page, each with its Open button; "show more" asks for the next page. */
export function placementListMessage(view: PlacementListView): SlackMessage {
  const items = view.items.map((item): KnownBlock => section(`*${escape(item.text)}*\n${item.late ? ':red_circle:' : ':large_blue_circle:'} ${escape(item.detail)}`, button(item.open)));
  return message(view.title, [header(view.title), ...items, ...(view.shown ? [context(escape(view.shown))] : []), ...(view.more ? actionBlocks([view.more], 'placements:more') : [])]);
}
