// `npm run bench`: how fast the obligations engine and the nudge sweep are on a large school,
// against a baseline measured in the same run (reading the same placements with the schema),
// so the figures mean something on whatever machine runs them.
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

const COPIES = 100; // 12 example placements × 100 = 1,200: a large trust's worth
const AT = new Date('2026-02-09T09:00:00Z');
const school = loadSchoolFile(EXAMPLE_SCHOOL_FILE);
const examples = loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE);
const placements = Array.from({ length: COPIES }, (_, i) => examples.map((p) => ({ ...p, id: `${p.id}-${i}` }))).flat();
const raw = JSON.parse(JSON.stringify(placements)) as unknown[];

interface Row {
  what: string;
  ms: number;
  perItemUs: number;
  heapMb: number;
}

async function measure(what: string, items: number, work: () => unknown): Promise<Row> {
  await work(); // warm up
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const runs = 5;
  const started = performance.now();
  for (let i = 0; i < runs; i++) await work();
  const ms = (performance.now() - started) / runs;
  return { what, ms, perItemUs: (ms * 1000) / items, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 };
}

const silent: NudgeChannel = { name: 'bench', canReach: () => true, send: async () => {} };
const rows: Row[] = [];
rows.push(await measure(`baseline: read ${placements.length} placements with the schema`, placements.length, () => raw.map((p) => placementSchema.parse(p))));
rows.push(await measure(`deriveObligations for ${placements.length} placements`, placements.length, () => placements.map((p) => deriveObligations(p, school, AT))));
const due = placements.map((placement) => ({ placement, obligations: deriveObligations(placement, school, AT) }));
rows.push(await measure(`planNudges for ${placements.length} placements`, placements.length, () => planNudges(school, due, AT)));
rows.push(
  await measure(`sweep + deliver, in-memory store, ${placements.length} placements`, placements.length, async () => {
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
console.log(`apbot benchmarks (${placements.length} placements, mean of 5 runs, Node ${process.version})\n`);
console.log(['what'.padEnd(58), 'ms/run'.padStart(9), 'µs/placement'.padStart(13), '× baseline'.padStart(11), 'heap MB'.padStart(8)].join('  '));
for (const r of rows)
  console.log([r.what.padEnd(58), r.ms.toFixed(1).padStart(9), r.perItemUs.toFixed(1).padStart(13), (r.ms / baseline.ms).toFixed(1).padStart(11), r.heapMb.toFixed(1).padStart(8)].join('  '));
