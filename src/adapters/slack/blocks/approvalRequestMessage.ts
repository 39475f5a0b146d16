import type { ApprovalRequestView } from '../../../views/approvalRequest.ts';
import { actionBlocks, context, escape, factsSection, longText, message, section, type SlackMessage } from './parts.ts';

export function approvalRequestMessage(view: ApprovalRequestView): SlackMessage {
  return message(`${view.title}: ${view.pupil.label}`, [
    context(`*${escape(view.pupil.label)}*`),
    section(`*${escape(view.title)}*\n${escape(view.intro)}`),
    section('*Why*'),
    ...longText(view.reason, true),
    ...factsSection(view.facts),
    section(`*${escape(view.stillNeeded)}*`),
    ...actionBlocks(view.actions, `approval:${view.placementId}`),
  ]);
}
