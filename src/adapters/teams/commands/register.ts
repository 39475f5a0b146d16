import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import { registerLinkFor } from '../../../app/registerLink.ts';
import type { RegisterLinkView } from '../../../views/registerLink.ts';
import type { Turn } from '../turn.ts';

/** The register link as Teams shows it: a card whose button opens the page in the browser. */
export function registerLinkCard(view: RegisterLinkView): Attachment {
  return CardFactory.heroCard(view.title, view.text, undefined, [{ type: ActionTypes.OpenUrl, title: view.buttonTitle, value: view.url }]);
}

/** `register`: the person's own signed link to the register. */
export async function register(turn: Turn): Promise<void> {
  const { school, actor } = turn.who;
  await turn.context.sendActivity({ attachments: [registerLinkCard(registerLinkFor(school, actor, turn.deps.registerLink))] });
}
