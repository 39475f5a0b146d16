import { describe, expect, it } from 'vitest';
import { sortInPlace } from '../../src/core/sortInPlace.ts';

describe('sorting a list in place', () => {
  it('orders short and long lists as the built-in stable sort does, ties kept in the order given', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    for (let length = 0; length <= 40; length++)
      for (let round = 0; round < 20; round++) {
        const list = Array.from({ length }, (_, at) => ({ key: Math.floor(random() * 5), at }));
        const expected = [...list].sort(byKey);
        const sorted = sortInPlace(list, byKey);
        expect(sorted).toBe(list);
        expect(sorted).toEqual(expected);
      }
  });
});
