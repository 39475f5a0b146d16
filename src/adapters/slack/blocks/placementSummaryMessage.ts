import type { PlacementSummaryView } from '../../../views/placementSummary.ts';
import { actionBlocks, button, context, escape, factsSection, header, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

export function placementSummaryMessage(view: PlacementSummaryView): SlackMessage {
  const due: KnownBlock[] = view.due.length
    ? view.due.map((d) => section(`${d.late ? ':red_circle:' : ':large_blue_circle:'} *${escape(d.text)}*\n${escape(d.detail)}`, d.action ? button(d.action) : undefined))
    : [context('Nothing is due. All up to date.')];
  const recent = view.recent.length ? view.recent.map((r) => section(`${escape(r.text)}\n_${escape(r.detail)}_`)) : [context('Nothing recorded yet.')];
  return message(view.title, [
    header(view.title),
    section(escape(view.state)),
    ...factsSection(view.facts),
    { type: 'divider' },
    section('*What is due*'),
    ...due,
    ...(view.dueShown ? [context(escape(view.dueShown))] : []),
    ...(view.dueMore ? actionBlocks([view.dueMore], `status:${view.placementId}:more`) : []),
    { type: 'divider' },
    section('*Recently*'),
    ...recent,
    ...actionBlocks(view.actions, `status:${view.placementId}`),
  ]);
}
