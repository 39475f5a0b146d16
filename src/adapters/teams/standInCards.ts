import { randomUUID } from 'node:crypto';
import { CardFactory, type Attachment } from 'botbuilder';
import type { DecisionName } from '../../core/decisions/index.ts';
import { requiredChecklist, tickedItems } from '../../core/placement/checklist.ts';
import type { Placement } from '../../core/placement/placement.ts';
import { pupilLabel } from '../../views/names.ts';
import type { ActionPayload, ViewAction } from '../../views/viewModel.ts';
import { FORMS, type Field } from './forms.ts';

// Cards no shared view covers yet: the new-placement and part-time timetable forms, the
// and the pre-placement checklist. Their buttons
// carry the views' payload ({actionId, placementId, version, input}) and verbs, so one handler
// reads them all.

type Json = Record<string, unknown>;

const words = (value: string) => value.replaceAll('_', ' ');
const text = (value: string, extra: Json = {}): Json => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const heading = (value: string) => text(value, { weight: 'Bolder', size: 'Medium' });

function adaptiveCard(body: Json[], actions: Json[] = []): Attachment {
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) });
}

function execute(verb: string, title: string, payload: ActionPayload, style: ViewAction['style'] = 'default'): Json {
  return { type: 'Action.Execute', title, verb, data: payload, ...(style !== 'default' ? { style } : {}) };
}

function about(placement: Placement): Json {
  return text(`${pupilLabel(placement).label} · ${words(placement.kind)} · ${placement.id}`, { isSubtle: true, spacing: 'None' });
}

function input(verb: DecisionName, field: Field): Json {
  const id = `${verb}.${field.id}`;
  const common = { id, label: field.label, isRequired: !field.optional };
  const choices = (field.choices ?? []).map((c) => ({ title: words(c), value: c }));
  switch (field.kind) {
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'choice':
      return { type: 'Input.ChoiceSet', ...common, choices };
    case 'timetable':
      return { type: 'Input.ChoiceSet', ...common, isMultiSelect: true, style: 'expanded', choices };
    case 'toggle':
      return { type: 'Input.Toggle', id, title: field.label, value: 'false', valueOn: 'true', valueOff: 'false' };
    default:
      return { type: 'Input.Text', ...common, isMultiline: field.kind === 'longText' || field.kind === 'lines', ...(field.max ? { maxLength: field.max } : {}) };
  }
}

/** `new`, `ptt propose`: a form for a decision that creates a placement. */
export function newPlacementFormCard(verb: 'commissionPlacement' | 'proposePartTimeTimetable', problems: readonly string[] = []): Attachment {
  const form = FORMS[verb];
  if (!form) throw new Error(`no form for ${verb}`);
  const body: Json[] = [heading(form.title), ...problems.map((p) => text(`⚠️ ${p}`, { color: 'Attention' })), ...form.fields.map((f) => input(verb, f))];
  // A fresh id per card: the same card submitted twice records once.
  return adaptiveCard(body, [execute(verb, form.submit, { actionId: `${verb}:${randomUUID()}`, placementId: null, version: null, input: {} }, 'positive')]);
}

/** What a newly commissioned placement still needs before it starts, each check a button. */
export function checklistCard(placement: Placement, headline?: string): Attachment {
  const ticked = tickedItems(placement);
  const body: Json[] = [heading(headline ?? `Checklist before ${pupilLabel(placement).label} starts`), about(placement)];
  for (const item of requiredChecklist(placement)) {
    if (ticked.has(item)) body.push(text(`☑ ${words(item)}`));
    else {
      const tick = execute('tickChecklistItem', 'Done', { actionId: `tickChecklistItem:${placement.id}:${item}`, placementId: placement.id, version: placement.version, input: { item } });
      body.push({
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [text(`☐ ${words(item)}`)] },
          { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [tick] }] },
        ],
      });
    }
  }
  return adaptiveCard(body);
}
