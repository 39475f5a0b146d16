// A structural check of Block Kit's documented limits, independent of the renderers' own guards.

type Json = Record<string, unknown>;

const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  text: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  modalText: 24,
  privateMetadata: 3000,
  callbackId: 255,
  optionText: 75,
  optionValue: 150,
  options: 100,
  label: 2000,
  placeholder: 150,
  inputMax: 3000,
};

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null && typeof (value as Json)['text'] === 'string' ? ((value as Json)['text'] as string) : '';
}

function checkElement(el: Json, where: string, problems: string[]): void {
  const actionId = el['action_id'];
  if (typeof actionId === 'string' && (actionId.length === 0 || actionId.length > LIMITS.actionId)) problems.push(`${where}: action_id length ${actionId.length}`);
  if (el['type'] === 'button') {
    if (textOf(el['text']).length > LIMITS.buttonText) problems.push(`${where}: button text over ${LIMITS.buttonText}`);
    const value = el['value'];
    if (typeof value === 'string' && value.length > LIMITS.buttonValue) problems.push(`${where}: button value ${value.length} chars`);
  }
  const options = el['options'];
  if (Array.isArray(options)) {
    if (options.length > LIMITS.options) problems.push(`${where}: ${options.length} options`);
    if (el['type'] === 'checkboxes' && options.length > 10) problems.push(`${where}: ${options.length} checkboxes`);
    for (const o of options as Json[]) {
      if (textOf(o['text']).length > LIMITS.optionText) problems.push(`${where}: option text too long`);
      if (String(o['value']).length > LIMITS.optionValue) problems.push(`${where}: option value too long`);
    }
  }
  if (textOf(el['placeholder']).length > LIMITS.placeholder) problems.push(`${where}: placeholder too long`);
  if (typeof el['max_length'] === 'number' && el['max_length'] > LIMITS.inputMax) problems.push(`${where}: max_length ${el['max_length']}`);
}

function checkBlock(block: Json, i: number, problems: string[]): void {
  const where = `blocks[${i}] (${String(block['type'])})`;
  const blockId = block['block_id'];
  if (typeof blockId === 'string' && blockId.length > LIMITS.blockId) problems.push(`${where}: block_id length ${blockId.length}`);
  switch (block['type']) {
    case 'section': {
      const text = textOf(block['text']);
      const fields = Array.isArray(block['fields']) ? (block['fields'] as Json[]) : [];
      if (!text && fields.length === 0) problems.push(`${where}: section with neither text nor fields`);
      if (text.length > LIMITS.text) problems.push(`${where}: text ${text.length} chars`);
      if (fields.length > LIMITS.fields) problems.push(`${where}: ${fields.length} fields`);
      for (const f of fields) if (textOf(f).length > LIMITS.field) problems.push(`${where}: field over ${LIMITS.field}`);
      if (block['accessory']) checkElement(block['accessory'] as Json, `${where}.accessory`, problems);
      break;
    }
    case 'header':
      if (textOf(block['text']).length > LIMITS.header) problems.push(`${where}: header over ${LIMITS.header}`);
      break;
    case 'context': {
      const elements = (block['elements'] as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} elements`);
      for (const e of elements) if (textOf(e).length > LIMITS.text) problems.push(`${where}: context text too long`);
      break;
    }
    case 'actions': {
      const elements = (block['elements'] as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMITS.actionsElements) problems.push(`${where}: ${elements.length} elements`);
      const ids = elements.map((e) => e['action_id']).filter((id) => id !== undefined);
      if (new Set(ids).size !== ids.length) problems.push(`${where}: action_ids repeat within the block`);
      elements.forEach((e, j) => checkElement(e, `${where}.elements[${j}]`, problems));
      break;
    }
    case 'input':
      if (textOf(block['label']).length > LIMITS.label) problems.push(`${where}: label too long`);
      checkElement(block['element'] as Json, `${where}.element`, problems);
      break;
    case 'divider':
      break;
    default:
      problems.push(`${where}: not a block type these cards use`);
  }
}

function checkBlocks(blocks: Json[], max: number, problems: string[]): void {
  if (blocks.length > max) problems.push(`${blocks.length} blocks, over ${max}`);
  const ids = blocks.map((b) => b['block_id']).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) problems.push('block_ids repeat');
  blocks.forEach((b, i) => checkBlock(b, i, problems));
}

/** Every limit a chat.postMessage payload breaks; empty when it is fine. */
export function messageProblems(payload: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  if (!payload.text) problems.push('no fallback text');
  checkBlocks(payload.blocks as Json[], LIMITS.messageBlocks, problems);
  return problems;
}

/** Every limit a views.open modal breaks; empty when it is fine. */
export function modalProblems(view: Json): string[] {
  const problems: string[] = [];
  if (view['type'] !== 'modal') problems.push('not a modal');
  for (const key of ['title', 'submit', 'close']) if (textOf(view[key]).length > LIMITS.modalText) problems.push(`${key} over ${LIMITS.modalText}`);
  if (String(view['private_metadata'] ?? '').length > LIMITS.privateMetadata) problems.push('private_metadata too long');
  if (String(view['callback_id'] ?? '').length > LIMITS.callbackId) problems.push('callback_id too long');
  checkBlocks(view['blocks'] as Json[], LIMITS.modalBlocks, problems);
  return problems;
}
