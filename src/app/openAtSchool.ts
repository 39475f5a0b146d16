import { deepFreeze } from '../core/deepFreeze.ts';
import { derivedUntil } from '../core/obligations/derivedUntil.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { PlacementDue } from '../nudges/planNudges.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { PlacementStore } from '../ports/placementStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';

/** What is open at each school, worked out once and shared by every due list, status and home view. */
export interface OpenAtSchool {
  /**
   * The school's open placements at `now` as `derive` works them out, remembered while nothing they
   * are derived from has been written and no stage can have moved; frozen, as every reader shares it.
   */
  read(school: School, now: Date, derive: () => Promise<PlacementDue[]>): Promise<readonly PlacementDue[]>;
}

interface Remembered {
  school: School;
  generation: number;
  /** The instant it was derived at, and the first at which a stage may move (see `derivedUntil`). */
  from: number;
  until: number;
  open: readonly PlacementDue[];
}

type OpenStores = { placements: PlacementStore; attendance: AttendanceStore; providers: ProviderStore };

/**
 * The stores with every write that a school's open placements are derived from (placements,
 * attendance marks, providers) counted per school, and what is open at each school remembered until
 * the next such write. Only for a process that is its stores' one writer (the embedded store's
 * lock makes it so): a write by another process would not be counted.
 */
export function rememberOpenPlacements<S extends OpenStores>(stores: S): S & { openAtSchool: OpenAtSchool } {
  const generations = new Map<string, number>();
  const remembered = new Map<string, Remembered>();
  const deriving = new Map<string, Promise<Remembered>>();
  const generationOf = (schoolId: string) => generations.get(schoolId) ?? 0;
  const changed = (schoolId: string) => {
    generations.set(schoolId, generationOf(schoolId) + 1);
    remembered.delete(schoolId);
  };
  // Counted as the write starts and again once it is done, so nothing derived while it was under way is kept.
  const writing = async <T>(schoolId: string, write: () => Promise<T>): Promise<T> => {
    changed(schoolId);
    try {
      return await write();
    } finally {
      changed(schoolId);
    }
  };
  const holds = (r: Remembered | undefined, school: School, at: number): r is Remembered =>
    r !== undefined && r.school === school && r.generation === generationOf(school.id) && r.from <= at && at < r.until;

  const { placements, attendance, providers } = stores;
  const openAtSchool: OpenAtSchool = {
    async read(school, now, derive) {
      const at = now.getTime();
      const held = remembered.get(school.id);
      if (holds(held, school, at)) return held.open;
      // Many asking at once share one derivation, if it holds for them.
      const under = await deriving.get(school.id)?.catch(() => undefined);
      if (holds(under, school, at)) return under.open;
      const generation = generationOf(school.id);
      const derivation = derive().then((open): Remembered => {
        const frozen = deepFreeze(open);
        return { school, generation, from: at, until: derivedUntil(obligationsOf(frozen), school, now).getTime(), open: frozen };
      });
      deriving.set(school.id, derivation);
      try {
        const done = await derivation;
        if (done.generation === generationOf(school.id)) remembered.set(school.id, done);
        return done.open;
      } finally {
        if (deriving.get(school.id) === derivation) deriving.delete(school.id);
      }
    },
  };

  return {
    ...stores,
    openAtSchool,
    placements: {
      create: (input) => writing(input.record.schoolId, () => placements.create(input)),
      get: (schoolId, placementId) => placements.get(schoolId, placementId),
      list: (schoolId, filter) => placements.list(schoolId, filter),
      listDue: (schoolId, before) => placements.listDue(schoolId, before),
      setNextDueAt: (schoolId, placementId, version, nextDueAt) => placements.setNextDueAt(schoolId, placementId, version, nextDueAt),
      setNextDueAts: (schoolId, moves) => placements.setNextDueAts(schoolId, moves),
      applyDecision: (write) => writing(write.schoolId, () => placements.applyDecision(write)),
      completeAudits: (schoolId) => placements.completeAudits(schoolId),
    },
    attendance: {
      record: (mark, audit) => writing(mark.schoolId, () => attendance.record(mark, audit)),
      completeAudits: (schoolId) => attendance.completeAudits(schoolId),
      listForPlacement: (schoolId, placementId, from, to) => attendance.listForPlacement(schoolId, placementId, from, to),
      listForDate: (schoolId, date) => attendance.listForDate(schoolId, date),
      eventsForPlacement: (schoolId, placementId) => attendance.eventsForPlacement(schoolId, placementId),
      registerFor: (schoolId, placementId) => attendance.registerFor(schoolId, placementId),
    },
    providers: {
      merge: (schoolId, provider) => writing(schoolId, () => providers.merge(schoolId, provider)),
      get: (schoolId, providerId) => providers.get(schoolId, providerId),
      list: (schoolId) => providers.list(schoolId),
    },
  };
}

function* obligationsOf(open: readonly PlacementDue[]) {
  for (const { obligations } of open) yield* obligations;
}
