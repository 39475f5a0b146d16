import type { types } from '@slack/bolt';
import type { Fact, ViewAction } from '../../../views/viewModel.ts';
import { BlockKitLimitError, clip, SLACK_LIMITS } from './limits.ts';

export type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * mrkdwn treats &, < and > as markup (links, @mentions) and turns a bare address into a link;
 * what people typed is shown as typed, never as a working link or mention on another's card.
 */
export function escape(text: string): string {
  if (!MARKUP.test(text)) return text;
  return breakLinks(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** What `escape` changes; most text has none of it. */
const MARKUP = /[&<>]|:\/\/|www\./;

/** An invisible space inside an address, so Slack does not make it a link. */
const breakLinks = (text: string) => text.replaceAll('://', ':\u200B//').replaceAll(/\bwww\./g, 'www\u200B.');

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, SLACK_LIMITS.headerText) };
}

/** Already-escaped mrkdwn; longer than a section holds and it is cut short. */
export function section(mrkdwn: string, accessory?: types.Button): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SLACK_LIMITS.sectionText) }, ...(accessory ? { accessory } : {}) };
}

/** Long typed text (a concern) over as many sections as it needs, never cut. */
export function longText(text: string, quote = false): KnownBlock[] {
  const limit = SLACK_LIMITS.sectionText - (quote ? 200 : 0);
  const pieces: string[] = [''];
  for (const ch of breakLinks(text)) {
    const piece = escape(ch);
    if ((pieces[pieces.length - 1] as string).length + piece.length > limit) pieces.push('');
    pieces[pieces.length - 1] += piece;
  }
  return pieces.map((p) => section(quote ? `>${p.replaceAll('\n', '\n>')}` : p));
}

export function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, SLACK_LIMITS.sectionText) }] };
}

export function factsSection(facts: readonly Fact[]): KnownBlock[] {
  if (facts.length === 0) return [];
  return [{ type: 'section', fields: facts.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: clip(`*${escape(f.title)}*\n${escape(f.value)}`, 2000) })) }];
}

/** What the button carries back: the action's payload, as JSON. */
export function buttonValue(action: ViewAction): string {
  const value = JSON.stringify(action.payload);
  if (value.length > SLACK_LIMITS.buttonValue) throw new BlockKitLimitError(`The ${action.verb} button's value is ${value.length} characters; Slack takes ${SLACK_LIMITS.buttonValue}.`);
  return value;
}

/**
 * A button routes back by its `action_id`: the verb, with `#2`, `#3` … when one block holds the
 * verb more than once (the four attendance marks). `verbOf` reads the verb back.
 */
export function button(action: ViewAction, actionId: string = action.verb): types.Button {
  if (actionId.length > SLACK_LIMITS.actionId) throw new BlockKitLimitError(`action_id ${actionId.slice(0, 40)}… is too long.`);
  return {
    type: 'button',
    text: plain(action.title, SLACK_LIMITS.buttonText),
    action_id: actionId,
    value: buttonValue(action),
    ...(action.style === 'positive' ? { style: 'primary' as const } : action.style === 'destructive' ? { style: 'danger' as const } : {}),
  };
}

export function verbOf(actionId: string): string {
  return actionId.split('#')[0] as string;
}

/** Actions blocks of at most 25 buttons, each verb's action_id unique within its block. */
export function actionBlocks(actions: readonly ViewAction[], blockId?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < actions.length; i += SLACK_LIMITS.actionsElements) {
    const seen = new Map<string, number>();
    const elements = actions.slice(i, i + SLACK_LIMITS.actionsElements).map((a) => {
      const n = (seen.get(a.verb) ?? 0) + 1;
      seen.set(a.verb, n);
      return button(a, n === 1 ? a.verb : `${a.verb}#${n}`);
    });
    const id = blockId === undefined ? undefined : clip(i === 0 ? blockId : `${blockId}:${i}`, SLACK_LIMITS.blockId);
    blocks.push({ type: 'actions', ...(id ? { block_id: id } : {}), elements });
  }
  return blocks;
}

/** A message within Slack's limits: past 50 blocks the rest is left out with a note to say so. */
export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  const fitted =
    blocks.length <= SLACK_LIMITS.messageBlocks ? blocks : [...blocks.slice(0, SLACK_LIMITS.messageBlocks - 1), context('There is more than fits here; open the placement to see it all.')];
  return { text: clip(text, SLACK_LIMITS.fallbackText), blocks: fitted };
}
