/** Block Kit's documented limits (api.slack.com/reference/block-kit), enforced before anything is sent. */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  contextElements: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  plainTextInput: 3000,
  fallbackText: 3000,
} as const;

export class BlockKitLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockKitLimitError';
  }
}

/** Shortens text to fit, ending with an ellipsis when something was cut. */
export function clip(text: string, max: number): string {
  // A string is never more characters than UTF-16 units: most fit without being counted.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
