import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const enginesOf = (manifest: string): string => (JSON.parse(readFileSync(manifest, 'utf8')) as { engines: { node: string } }).engines.node;
/** `>=20.19.0` as [20, 19, 0]; only the `>=` form is used here. */
const minimum = (range: string): number[] => {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`not a >= range: ${range}`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
};
const atLeast = (a: number[], b: number[]) => (a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!) >= 0;

describe('the Node version apbot asks for', () => {
  it('is at least what mongoose and the MongoDB driver need', () => {
    const ours = minimum(enginesOf(new URL('../../package.json', import.meta.url).pathname));
    for (const dependency of ['mongoose', 'mongodb']) {
      const theirs = minimum(enginesOf(require.resolve(`${dependency}/package.json`)));
      expect(atLeast(ours, theirs), `${dependency} needs Node ${theirs.join('.')}`).toBe(true);
    }
  });
});
