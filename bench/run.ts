// `npm run bench`: how fast the obligations engine and the nudge sweep are, first on a large school
// (the example placements, copied), then on a trust's worth of data, against a baseline measured in
// the same run (parsing the same placements' JSON), so the figures mean something on any machine.
// Figures are CPU time of the main thread, which other work on a shared machine disturbs far less
// than the wall clock (shown beside it for the trust's sweep). `BENCH_ONLY=trust npm run bench` runs
// the trust's part alone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DELIVER_OPTIONS, deliver } from '../src/app/deliver.ts';
import { importPlacements } from '../src/app/importPlacements.ts';
import { sweep } from '../src/app/sweep.ts';
import { openJournalStores } from '../src/adapters/storage/journal/openJournalStores.ts';
import { loadPlacementsFile } from '../src/config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE, EXAMPLE_SCHOOL_FILE } from '../src/config/schools.ts';
import { loadSchoolFile } from '../src/config/schoolFile.ts';
import { deriveObligations } from '../src/core/obligations/deriveObligations.ts';
import { placementSchema } from '../src/core/placement/placement.ts';
import { planNudges } from '../src/nudges/planNudges.ts';
import type { NudgeChannel } from '../src/ports/nudgeChannel.ts';
import { cpuMicros, perThread, yes } from './cpuTime.ts';

const COPIES = 100; // 12 example placements × 100 = 1,200: a large school's worth
const SAMPLES = 11;
const SAMPLE_MS = 250;
const WARM_MS = 2000;
const AT = new Date('2026-02-09T09:00:00Z');

const school = loadSchoolFile(EXAMPLE_SCHOOL_FILE);
const examples = loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE);
const placements = Array.from({ length: COPIES }, (_, i) => examples.map((p) => ({ ...p, id: `${p.id}-${i}` }))).flat();
const json = JSON.stringify(placements);
const raw = JSON.parse(json) as unknown[];

interface Row {
  what: string;
  wallMs: number;
  cpuUsPerPlacement: number;
  target?: string;
  met?: boolean;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Median wall time per run and median CPU time per placement of `SAMPLES` samples, each as many
 * runs as fill `SAMPLE_MS`, once the JIT has settled (`WARM_MS` of runs first, uncounted).
 */
async function measure(what: string, work: () => unknown, target?: number): Promise<Row> {
  for (let i = 0, since = performance.now(); i < 5 || performance.now() - since < WARM_MS; i++) await work();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    globalThis.gc?.();
    const cpu = cpuMicros();
    const started = performance.now();
    let runs = 0;
    do {
      await work();
      runs++;
    } while (performance.now() - started < SAMPLE_MS);
    walls.push((performance.now() - started) / runs);
    cpus.push((cpuMicros() - cpu) / runs);
  }
  const cpuUsPerPlacement = median(cpus) / placements.length;
  return { what, wallMs: median(walls), cpuUsPerPlacement, ...(target === undefined ? {} : { target: `≤ ${target} µs`, met: cpuUsPerPlacement <= target }) };
}

/** The large school's table: the engine's figures beside their baseline. */
async function aLargeSchool(): Promise<void> {
  const silent: NudgeChannel = { name: 'bench', canReach: () => true, send: async () => {} };
  const rows: Row[] = [];
  rows.push(await measure(`baseline: JSON.parse of the same placements`, () => JSON.parse(json)));
  rows.push(await measure(`read each placement through its schema`, () => raw.map((p) => placementSchema.parse(p)), 50));
  rows.push(await measure(`deriveObligations`, () => placements.map((p) => deriveObligations(p, school, AT)), 25));
  const due = placements.map((placement) => ({ placement, obligations: deriveObligations(placement, school, AT) }));
  rows.push(await measure(`planNudges`, () => planNudges(school, due, AT)));
  rows.push(
    await measure(`import + sweep + deliver, embedded store`, async () => {
      const stores = await openJournalStores();
      await importPlacements(stores, school, placements, AT, 'bench');
      await sweep(stores, school, AT);
      for (;;) {
        const outcome = await deliver(stores.outbox, [school], [silent], () => AT, { ...DEFAULT_DELIVER_OPTIONS, pacingMs: {}, batch: 1000 });
        if (outcome.sent + outcome.failed + outcome.dead === 0) break;
      }
      await stores.close();
    }),
  );

  const baseline = rows[0] as Row;
  console.log(`A large school: ${placements.length} placements (the ${examples.length} examples × ${COPIES}), CPU time of ${perThread ? 'the main thread' : 'the process'}, median of ${SAMPLES} samples of at least ${SAMPLE_MS} ms each\n`);
  console.log(`| what | ms/run | CPU µs/placement | × baseline | target | met |`);
  console.log(`|---|--:|--:|--:|--:|:-:|`);
  for (const r of rows)
    console.log(`| ${r.what} | ${r.wallMs.toFixed(1)} | ${r.cpuUsPerPlacement.toFixed(1)} | ${(r.cpuUsPerPlacement / baseline.cpuUsPerPlacement).toFixed(1)} | ${r.target ?? ''} | ${yes(r.met)} |`);
}

const only = process.env['BENCH_ONLY'];
if (only !== undefined && only !== 'trust') throw new Error(`BENCH_ONLY=${only}: the only part that runs alone is "trust".`);
console.log(`apbot benchmarks, Node ${process.version}\n`);
if (only === undefined) await aLargeSchool();

// The trust in a process of its own, as a server would hold it, without this one's leftovers: in
// February, and then in July, when a year's marks (some 3 GiB) need a larger heap than Node's default.
const trustSweep = fileURLToPath(new URL('./trustSweep.ts', import.meta.url));
for (const [season, heap] of [['february', []], ['july', ['--max-old-space-size=8192']]] as const) {
  const run = spawnSync(process.execPath, [...heap, ...process.execArgv, trustSweep, season], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
