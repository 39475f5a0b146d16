import type { RegisterLinkView } from '../../../views/registerLink.ts';
import { escape, message, section, type KnownBlock, type SlackMessage } from './parts.ts';

/** The register link as Block Kit: the line, with a button that opens the page (Slack acks its press like any other). */
export function registerLinkBlocks(view: RegisterLinkView): KnownBlock[] {
  return [section(`*${escape(view.title)}*\n${escape(view.text)}`, { type: 'button', action_id: 'openRegister', text: { type: 'plain_text', text: view.buttonTitle }, url: view.url })];
}

export function registerLinkMessage(view: RegisterLinkView): SlackMessage {
  return message(`${view.title}: ${view.url}`, registerLinkBlocks(view));
}
