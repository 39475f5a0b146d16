import { describe, expect, it } from 'vitest';
import { formModal } from '../../src/adapters/slack/blocks/formModal.ts';
import { slackMessage } from '../../src/adapters/slack/blocks/slackMessage.ts';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/renderAdaptiveCard.ts';
import { actionsOfCard, type CardView } from '../../src/views/card.ts';
import { isFormView } from '../../src/views/formView.ts';
import { cardViews } from './cardViews.ts';

// Every view drawn on both chats from the same data: the same words, the same things to type
// and the same buttons, so neither chat can drift from the other.

/** View-model fields that are plumbing, not something a person reads. */
const PLUMBING = new Set(['card', 'placementId', 'version', 'participants', 'payload', 'verb', 'style', 'inputId', 'kind', 'required', 'maxLength', 'errorMessage', 'value', 'options', 'submitTitle', 'obligation', 'stage', 'late', 'incidentId', 'initials', 'ref', 'fields', 'submit', 'actions', 'more', 'dueMore', 'open', 'action', 'done']);

function wordsOf(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return PLUMBING.has(key) || node === '' ? [] : [node];
  if (Array.isArray(node)) return node.flatMap((n) => wordsOf(n, key));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (PLUMBING.has(k) ? [] : wordsOf(v, k)));
}

/** Everything a rendering says, with Block Kit's escaping and markup taken off, spaces evened out. */
function said(rendered: unknown): string {
  return JSON.stringify(rendered)
    .replace(/\\n/g, ' ')
    .replaceAll('\\"', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replace(/[*_~]/g, '')
    .replace(/\s+/g, ' ');
}
const plain = (text: string) => text.replace(/[*_~]/g, '').replace(/\s+/g, ' ');

function bothChats(view: CardView) {
  const teams = renderAdaptiveCard(view).card;
  const slack = isFormView(view) ? formModal(view) : slackMessage(view);
  return { teams, slack };
}

/** The payloads a rendering sends back: Teams' Action.Execute data, Slack's button values and a modal's metadata. */
function actionIdsIn(rendered: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o['type'] === 'Action.Execute' && o['verb'] !== 'refreshCard') ids.push(String((o['data'] as { actionId: string }).actionId));
    if (o['type'] === 'button' && typeof o['value'] === 'string') ids.push((JSON.parse(o['value']) as { actionId: string }).actionId);
    if (o['type'] === 'modal') ids.push((JSON.parse(String(o['private_metadata'])) as { actionId: string }).actionId);
    Object.entries(o).forEach(([k, v]) => k !== 'refresh' && walk(v));
  };
  walk(rendered);
  return ids.sort();
}

/** The inputs a person types into, by the decision's field id. */
function fieldIdsIn(rendered: unknown): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o['type'] === 'string' && o['type'].startsWith('Input.')) ids.add(String(o['id']).split('.').slice(1).join('.'));
    if (o['type'] === 'input') ids.add(String(o['block_id']));
    Object.values(o).forEach(walk);
  };
  walk(rendered);
  return [...ids].sort();
}

const views = Object.entries(cardViews());

describe('one view, two chats', () => {
  it.each(views)('the %s card says the same on Teams and Slack', (_name, view) => {
    const { teams, slack } = bothChats(view);
    for (const words of wordsOf(view)) {
      expect(said(teams), `Teams: ${words}`).toContain(plain(words));
      expect(said(slack), `Slack: ${words}`).toContain(plain(words));
    }
  });

  it.each(views)('the %s card offers the same buttons on both, each sending the same action back', (_name, view) => {
    const { teams, slack } = bothChats(view);
    const offered = actionsOfCard(view).map((a) => a.payload.actionId).sort();
    expect(actionIdsIn(teams)).toEqual(offered);
    // Slack asks for a form's fields in the modal its button opens; a form's modal is its one action.
    expect(actionIdsIn(slack)).toEqual(offered);
  });

  it.each(views.filter(([, v]) => isFormView(v)))('the %s form asks for the same fields on both', (_name, view) => {
    const { teams, slack } = bothChats(view);
    const fields = isFormView(view) ? view.fields.map((f) => f.id).sort() : [];
    expect(fieldIdsIn(teams)).toEqual(fields);
    expect(fieldIdsIn(slack)).toEqual(fields);
  });
});
