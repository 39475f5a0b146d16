import type { types } from '@slack/bolt';
import type { FormField } from '../../../views/viewModel.ts';
import { clip, SLACK_LIMITS } from './limits.ts';
import type { KnownBlock } from './parts.ts';

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max) });

const option = (o: { value: string; title: string }) => ({ text: plain(o.title, SLACK_LIMITS.optionText), value: clip(o.value, SLACK_LIMITS.optionValue) });

function element(f: FormField): types.InputBlockElement {
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, SLACK_LIMITS.placeholder) } : {};
  switch (f.kind) {
    case 'text':
    case 'longText':
      return {
        type: 'plain_text_input',
        action_id: f.inputId,
        multiline: f.kind === 'longText',
        max_length: Math.min(f.maxLength ?? SLACK_LIMITS.plainTextInput, SLACK_LIMITS.plainTextInput),
        ...(f.value ? { initial_value: f.value } : {}),
        ...placeholder,
      };
    case 'date':
      return { type: 'datepicker', action_id: f.inputId, ...(f.value ? { initial_date: f.value } : {}), ...placeholder };
    case 'choice': {
      const options = f.options.slice(0, SLACK_LIMITS.selectOptions).map(option);
      const initial = options.find((o) => o.value === f.value);
      return { type: 'static_select', action_id: f.inputId, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
    case 'multiChoice': {
      const options = f.options.slice(0, SLACK_LIMITS.selectOptions).map(option);
      const picked = new Set((f.value ?? '').split(',').filter(Boolean));
      const initial = options.filter((o) => picked.has(o.value));
      // A short list is ticked in place, as Teams shows it; a long one is a menu.
      if (options.length <= SLACK_LIMITS.checkboxOptions) return { type: 'checkboxes', action_id: f.inputId, options, ...(initial.length ? { initial_options: initial } : {}) };
      return { type: 'multi_static_select', action_id: f.inputId, options, ...(initial.length ? { initial_options: initial } : {}), ...placeholder };
    }
  }
}

/**
 * One input block per field: `block_id` is the decision's input field, the element's `action_id`
 * the field's card-wide input id, so a refusal naming `reason` lands beside its field.
 */
export function inputBlocks(fields: readonly FormField[]): KnownBlock[] {
  return fields.map((f) => ({
    type: 'input',
    block_id: f.id,
    label: plain(f.label, SLACK_LIMITS.inputLabel),
    optional: !f.required,
    element: element(f),
  }));
}
