import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/app/commands.ts';

const refusal = (text: string) => {
  try {
    parseCommand(text);
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
  throw new Error(`"${text}" was read as a command`);
};

describe('a command that is not one', () => {
  it.each([
    ['reveiw Y9-0412', 'review Y9-0412'],
    ['stauts', 'status'],
    ['concren Y9-0412', 'concern Y9-0412'],
    ['Deu', 'due'],
    ['ppt propose', 'ptt propose'],
  ])('asks "%s": did you mean "%s"?', (typed, meant) => {
    expect(refusal(typed)).toBe(`I don't know "${typed}". Did you mean "${meant}"? Here is what works:`);
  });

  it.each(['launch rockets', 'hello', 'x'])('offers no guess for "%s", only the list', (typed) => {
    expect(refusal(typed)).toBe(`I don't know "${typed}". Here is what works:`);
  });
});
