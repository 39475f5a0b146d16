import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escape } from '../../../src/adapters/slack/blocks/parts.ts';
import { clip } from '../../../src/adapters/slack/blocks/limits.ts';

// Slack counts characters, not UTF-16 units; typed text is shown as typed, never as markup.
describe('text on a Slack card', () => {
  it('is cut to the limit in characters, an emoji counting as one, with an ellipsis only when cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), fc.integer({ min: 2, max: 30 }), (text, max) => {
        const chars = [...text];
        const clipped = clip(text, max);
        if (chars.length <= max) expect(clipped).toBe(text);
        else expect([...clipped]).toEqual([...chars.slice(0, max - 1), '…']);
      }),
    );
    expect(clip('😀😀😀', 3)).toBe('😀😀😀');
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('never carries a working link, mention or entity, and is left as it is when it has none', () => {
    expect(escape('Tom & Jo <@U123> see https://evil.example or www.evil.example')).toBe(
      'Tom &amp; Jo &lt;@U123&gt; see https:\u200B//evil.example or www\u200B.evil.example',
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const shown = escape(text);
        expect(shown).not.toMatch(/[<>]|:\/\/|\bwww\./);
        if (!/[&<>]|:\/\/|www\./.test(text)) expect(shown).toBe(text);
      }),
    );
  });
});
