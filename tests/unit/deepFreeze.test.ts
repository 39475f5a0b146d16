import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/core/deepFreeze.ts';

describe('data frozen all the way down, to be shared by every reader', () => {
  it('cannot be changed at any depth, arrays included, and is the same object', () => {
    const record = { placement: { pupil: { ref: 'Y9-0412' }, history: [{ type: 'review', attendees: ['pupil'] }] } };
    const frozen = deepFreeze(record);
    expect(frozen).toBe(record);
    expect(Object.isFrozen(record.placement.pupil)).toBe(true);
    expect(Object.isFrozen(record.placement.history)).toBe(true);
    expect(Object.isFrozen(record.placement.history[0]!.attendees)).toBe(true);
    expect(() => {
      (record.placement.pupil as { ref: string }).ref = 'changed';
    }).toThrow(TypeError);
  });

  it('leaves a Date as it is (it cannot be frozen), and keeps what the caller makes of every string met in its place', () => {
    const at = new Date('2026-02-09T09:00:00Z');
    const seen: string[] = [];
    const frozen = deepFreeze({ at, by: 's-head', notes: ['one', 'two'], count: 2, deep: [{ who: 'three' }] }, (text) => {
      seen.push(text);
      return text.toUpperCase();
    });
    expect(Object.isFrozen(at)).toBe(false);
    expect(seen.sort()).toEqual(['one', 's-head', 'three', 'two']);
    expect(frozen).toEqual({ at, by: 'S-HEAD', notes: ['ONE', 'TWO'], count: 2, deep: [{ who: 'THREE' }] });
  });
});
