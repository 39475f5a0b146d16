import { describe, expect, it } from 'vitest';
import { actionModal } from '../../src/adapters/slack/blocks/actionModal.ts';
import { formModal } from '../../src/adapters/slack/blocks/formModal.ts';
import { message, section, verbOf } from '../../src/adapters/slack/blocks/parts.ts';
import { slackMessage } from '../../src/adapters/slack/blocks/slackMessage.ts';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import { actionsOfCard, type CardView } from '../../src/views/card.ts';
import { concernAlert } from '../../src/views/concernAlert.ts';
import { digest } from '../../src/views/digest.ts';
import { isFormView, type FormView } from '../../src/views/formView.ts';
import { VIEW_VERBS } from '../../src/views/registry.ts';
import type { ViewAction } from '../../src/views/viewModel.ts';
import { messageProblems, modalProblems } from './blockKitLimits.ts';
import { cardSchool, cardViews, concernOf, farmPlacement, manyDue, NOW, viewers } from './cardViews.ts';

const views = Object.entries(cardViews());
const messages = views.filter((entry): entry is [string, Exclude<CardView, FormView>] => !isFormView(entry[1]));
const forms = views.filter((entry): entry is [string, FormView] => isFormView(entry[1]));

const actionsOf = actionsOfCard;

function buttonsOf(blocks: unknown[]): { action_id: string; value: string }[] {
  return (blocks as Record<string, unknown>[]).flatMap((b) => [
    ...((b['elements'] as Record<string, unknown>[] | undefined) ?? []),
    ...(b['accessory'] ? [b['accessory'] as Record<string, unknown>] : []),
  ]).filter((e) => e['type'] === 'button') as never;
}

describe('Slack Block Kit', () => {
  it.each(messages)('renders the %s card as a message within every limit', async (name, view) => {
    const payload = slackMessage(view);
    expect(messageProblems(payload)).toEqual([]);
    await expect(JSON.stringify(payload, null, 2)).toMatchFileSnapshot(`./__snapshots__/slack/${name}.json`);
  });

  it.each(forms)('renders the %s as a modal that records the decision', async (name, view) => {
    const modal = formModal(view);
    expect(modalProblems(modal as never)).toEqual([]);
    expect(modal.callback_id).toBe(view.submit.verb);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual(view.submit.payload);
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(view.fields.map((f) => f.id));
    await expect(JSON.stringify(modal, null, 2)).toMatchFileSnapshot(`./__snapshots__/slack/${name}.modal.json`);
  });

  it('opens a modal for every action that asks for more (snooze, decline, reassign …)', async () => {
    const withFields = messages.flatMap(([name, view]) => actionsOf(view).filter((a) => a.fields.length > 0).map((action) => ({ name, action })));
    expect(new Set(withFields.map(({ action }) => action.verb))).toEqual(new Set(['snoozeNudge', 'reassignOwner', 'declinePartTimeTimetable']));
    for (const { name, action } of withFields) {
      const modal = actionModal(action, { initials: 'JS', ref: 'Y9-0412', label: 'JS · Y9-0412' }, 'Placement review');
      expect(modalProblems(modal as never)).toEqual([]);
      expect(modal.callback_id).toBe(action.verb);
      await expect(JSON.stringify(modal, null, 2)).toMatchFileSnapshot(`./__snapshots__/slack/${name}.${action.verb}.modal.json`);
    }
  });

  it('routes every button back by its action_id, with the placement and version in its value', () => {
    const known = new Set<string>([...DECISIONS.keys(), ...VIEW_VERBS]);
    for (const [, view] of messages) {
      const offered = actionsOf(view);
      const buttons = buttonsOf(slackMessage(view).blocks);
      expect(buttons).toHaveLength(offered.length);
      for (const b of buttons) {
        expect(known).toContain(verbOf(b.action_id));
        const payload = JSON.parse(b.value) as ViewAction['payload'];
        const action = offered.find((a) => a.payload.actionId === payload.actionId);
        expect(action?.verb).toBe(verbOf(b.action_id));
        expect(payload).toEqual(action?.payload);
      }
    }
  });

  it('pages 200 overdue items ten at a time, every page within the limits, to the last', () => {
    const school = cardSchool();
    const due = manyDue(school, 6);
    expect(due.length).toBeGreaterThanOrEqual(200);
    let offset = 0;
    let pages = 0;
    for (;;) {
      const view = digest(due, school, NOW, viewers.attendance, offset);
      expect(messageProblems(slackMessage(view))).toEqual([]);
      expect(view.items.length).toBeLessThanOrEqual(10);
      pages++;
      if (!view.more) break;
      offset = view.more.payload.input['offset'] as number;
    }
    expect(pages).toBe(Math.ceil(due.length / 10));
  });

  it('keeps a 3000-character concern whole, split over sections that each fit', () => {
    const school = cardSchool();
    const details = 'Said <at break> that "A & B" were waiting by the gate. '.repeat(60).slice(0, 3000);
    const placement = farmPlacement({
      history: [{ type: 'concern', category: 'safeguarding', details, on: '2026-02-09', by: 's-teacher', at: '2026-02-09T09:30:00.000Z' }],
    });
    const payload = slackMessage(concernAlert(placement, concernOf(placement), school, NOW, viewers.dsl));
    expect(messageProblems(payload)).toEqual([]);
    const shown = payload.blocks
      .filter((b) => b.type === 'section' && b.text?.text.startsWith('>'))
      .map((b) => (b.type === 'section' ? (b.text?.text ?? '') : '').slice(1).replaceAll('\n>', '\n'))
      .join('')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    expect(shown).toBe(details);
  });

  it('cuts long names and titles to fit rather than breaking the message', () => {
    const school = cardSchool();
    const long = 'Riverside Community Farm and Outdoor Learning Centre '.repeat(20);
    const placement = farmPlacement({ provider: { id: 'PR-7', name: long } });
    for (const view of [cardViews().reminder, digest(manyDue(school, 1), school, NOW, viewers.apLead)]) {
      const renamed = JSON.parse(JSON.stringify(view).replaceAll('Riverside Farm', long)) as Exclude<CardView, FormView>;
      expect(messageProblems(slackMessage(renamed))).toEqual([]);
    }
    expect(placement.provider?.name.length).toBeGreaterThan(1000);
  });

  it('leaves out what is past 50 blocks and says so', () => {
    const fitted = message('many', Array.from({ length: 80 }, (_, i) => section(`line ${i}`)));
    expect(fitted.blocks).toHaveLength(50);
    expect(messageProblems(fitted)).toEqual([]);
  });
});
