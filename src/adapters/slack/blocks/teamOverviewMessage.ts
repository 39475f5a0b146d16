import type { TeamOverviewView } from '../../../views/teamOverview.ts';
import { context, escape, header, message, section, type KnownBlock } from './parts.ts';
import type { SlackMessage } from './parts.ts';

/** The morning post in the AP team channel: no buttons, people act in their own DM. */
export function teamOverviewMessage(view: TeamOverviewView): SlackMessage {
  const items = view.items.map((item): KnownBlock =>
    section(`*${escape(item.text)}*\n${item.late ? ':red_circle:' : ':large_blue_circle:'} ${escape(item.stageLabel)} · ${escape(item.due)} · for ${escape(item.owner)}`),
  );
  return message(view.title, [header(view.title), context(escape(view.intro)), { type: 'divider' }, ...items, ...(view.more ? [context(escape(view.more))] : [])]);
}
