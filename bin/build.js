#!/usr/bin/env node
// `npm run build`: compiles the bot into dist/ (or the folder given as its argument) as one ES
// module, main.js, plus the chunks it loads only when asked (the MongoDB store, the PDF report, the
// report page); `npm start` and the Docker image run it. The type check is `npm run typecheck`.
//
// Bundled in: our own code and the plain-JavaScript libraries it starts with (below), with
// everything those import in turn. A few modules instead of some 450 is what a bot at rest saves:
// each ES module keeps its loader records, and its source, for as long as the process lives.
//
// Left as published in node_modules: every other package, notably the Slack and Teams SDKs and
// mongoose, which load optional parts and files of their own by path, pino, whose transports run in
// worker threads, and the libraries used only on request (PDF, charts, token checks).
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');

/** The libraries our code imports that are bundled in, with what they import in turn. */
const BUNDLED = ['zod', 'yaml', 'date-fns', '@date-fns/tz', 'csv-parse', 'agenda', '@agendajs/mongo-backend', 'luxon'];
/** Imported by a bundled library but shared with the packages left outside: the MongoDB driver. */
const SHARED_PEERS = ['mongodb'];

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** Our code's imports of a package stay imports unless the package is bundled; a bundled package's own imports are bundled too. */
const bundleOnly = {
  name: 'bundle-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (isBuiltin(path)) return { path, external: true };
      const fromLibrary = importer.includes('/node_modules/');
      const bundled = fromLibrary ? !SHARED_PEERS.includes(packageOf(path)) : BUNDLED.includes(packageOf(path));
      return bundled ? undefined : { path, external: true };
    });
  },
};

/**
 * Writes any character past Latin-1 as a `\u` escape. esbuild already escapes them in strings and
 * names; what it leaves are in comments it keeps. V8 holds a module's source in memory for as long
 * as the module lives, at two bytes a character if any one of them is past Latin-1, one otherwise.
 */
const latin1Only = (source) => source.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

async function build(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    charset: 'ascii',
    sourcemap: 'linked',
    // agenda imports luxon as an ES module and cron-parser requires it as CommonJS: two builds of the
    // same library, loaded twice. One serves both.
    alias: { luxon: './node_modules/luxon/build/es6/luxon.mjs' },
    // A CommonJS library bundled into an ES module still calls `require` for Node's own modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [bundleOnly],
    logLevel: 'warning',
  });
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.js'))) {
    const path = join(outdir, file);
    writeFileSync(path, latin1Only(readFileSync(path, 'utf8')));
  }
}

await build(process.argv[2] ? resolve(process.argv[2]) : OUT);
