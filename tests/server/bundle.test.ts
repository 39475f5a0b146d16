import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What `npm start` runs, as `npm run build` writes it, built here into a folder of its own. */
let out: string;
let files: Map<string, string>;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'apbot-bundle-'));
  execFileSync(process.execPath, ['bin/build.js', out], { stdio: 'pipe', timeout: 60_000 });
  files = new Map(readdirSync(out).filter((name) => name.endsWith('.js')).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every `import … from "…"` at the top of a file (not `import(…)`, which loads on demand). */
const staticImports = (source: string): string[] => [...source.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1] ?? '');

/** The files and packages Node loads to start main.js, before any request: its static imports, followed. */
function loadedAtStart(): { chunks: Set<string>; packages: Set<string> } {
  const chunks = new Set<string>();
  const packages = new Set<string>();
  const visit = (name: string) => {
    if (chunks.has(name)) return;
    chunks.add(name);
    for (const spec of staticImports(files.get(name) ?? '')) {
      if (spec.startsWith('./')) visit(spec.slice(2));
      else if (!spec.startsWith('node:')) packages.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  visit('main.js');
  return { chunks, packages };
}

/** The library files bundled in, by the path esbuild writes above each. */
const bundledFiles = (): string[] => [...files.values()].flatMap((source) => [...source.matchAll(/^\/\/ (node_modules\/\S+)$/gm)].map((m) => m[1] ?? ''));

describe('the compiled bot (npm run build)', () => {
  it('holds nothing past Latin-1, so V8 keeps each file one byte a character', () => {
    const wide = [...files].filter(([, source]) => /[\u0100-\uffff]/.test(source)).map(([name]) => name);
    expect(files.size).toBeGreaterThan(1);
    expect(wide).toEqual([]);
    // Text with such characters (a staff message's ’ or —) is kept, escaped, not dropped.
    expect([...files.values()].some((source) => source.includes('\\u2019') || source.includes('\\u2014'))).toBe(true);
  });

  it('starts with the chat frameworks as published and none of the modules only some requests need', () => {
    const { packages, chunks } = loadedAtStart();
    expect(packages).toContain('@slack/bolt');
    expect(packages).toContain('botbuilder');
    for (const heavy of ['mongoose', 'mongodb', 'pdfkit', 'vega', 'vega-lite', 'jose', 'ical.js', 'adaptivecards-templating']) expect(packages).not.toContain(heavy);
    // The MongoDB store and the PDF report are chunks of their own, loaded when asked for.
    const lazy = [...files.keys()].filter((name) => !chunks.has(name));
    expect(lazy.some((name) => staticImports(files.get(name) ?? '').includes('pdfkit'))).toBe(true);
  });

  it('bundles the libraries it starts with, and luxon once for both agenda and cron-parser', () => {
    const { packages } = loadedAtStart();
    for (const bundled of ['zod', 'yaml', 'agenda', 'cron-parser', 'luxon', 'date-fns']) expect(packages).not.toContain(bundled);
    const luxon = bundledFiles().filter((path) => path.startsWith('node_modules/luxon/'));
    expect(luxon).toEqual(['node_modules/luxon/build/es6/luxon.mjs']);
    expect(bundledFiles().some((path) => path.startsWith('node_modules/cron-parser/'))).toBe(true);
  });
});
