import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flat } from '../../src/adapters/storage/plainCopy.ts';

const plainCopy = fileURLToPath(new URL('../../src/adapters/storage/plainCopy.ts', import.meta.url));

// In a process of its own, with the collector at hand: the heap each kept string takes, made
// piece by piece as a store's keys and ids are, with and without `flat`.
const script = `
const { flat } = await import(${JSON.stringify(plainCopy)});
const { randomUUID } = await import('node:crypto');
const bytesPerString = (keep) => {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let i = 0; i < 50000; i++) kept.push(keep(randomUUID()), keep('bench:P-' + i + '-' + (i % 50) + ':2026-01-' + (i % 28) + ':am'));
  globalThis.gc();
  return (process.memoryUsage().heapUsed - before) / kept.length;
};
console.log(JSON.stringify({ asMade: bytesPerString((s) => s), flat: bytesPerString(flat) }));
`;

describe('a string a store keeps', () => {
  it('is the same string, whitespace and all', () => {
    for (const value of ['', ' ', ' a key ', 'a\tb\n', 'Attendance confirmed: 2026-02-09 am', null]) expect(flat(value)).toBe(value);
  });

  it(`is kept flat, in a fraction of the memory of the pieces it was made from (on this runtime, ${process.version})`, () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { asMade, flat: flattened } = JSON.parse(run.stdout) as { asMade: number; flat: number };
    expect(asMade).toBeGreaterThan(200);
    expect(flattened).toBeLessThan(asMade / 2);
  });
});
