import type { ConcernAlertView } from '../../../views/concernAlert.ts';
import { actionBlocks, context, escape, factsSection, longText, message, section, type SlackMessage } from './parts.ts';

/** For a DSL's direct message only: the one Slack message that carries what happened. */
export function concernAlertMessage(view: ConcernAlertView): SlackMessage {
  return message(`${view.title} logged for ${view.pupil.label}`, [
    context(`*${escape(view.pupil.label)}*`),
    section(`:warning: *${escape(view.title)}*`),
    ...longText(view.details, true),
    ...factsSection(view.facts),
    context(escape(view.next)),
    ...actionBlocks(view.actions, `concern:${view.placementId}`),
  ]);
}
