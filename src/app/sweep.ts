import { nextSweepAt } from '../core/obligations/nextSweepAt.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { planNudges, type PlacementDue, type PlannedNudge } from '../nudges/planNudges.ts';
import type { AttendanceStore } from '../ports/attendanceStore.ts';
import type { NudgeOutbox, OutboxEntryInput } from '../ports/nudgeOutbox.ts';
import type { NextDueAtMove, PlacementStore } from '../ports/placementStore.ts';
import type { ProviderStore } from '../ports/providerStore.ts';
import { providersOf } from './asItStands.ts';
import { dueFromRegister } from './queries.ts';

export interface SweepStores {
  placements: PlacementStore;
  attendance: AttendanceStore;
  providers: ProviderStore;
  outbox: NudgeOutbox;
}

export function outboxEntryOf(schoolId: string, nudge: PlannedNudge): OutboxEntryInput {
  return { schoolId, dedupeKey: nudge.dedupeKey, recipient: { schoolId, staffId: nudge.staffId }, message: nudge.message, notBefore: nudge.notBefore };
}

/** How many placements a sweep works out at a time: a trust's sweep holds little at once. */
const CHUNK = 25;

/**
 * Looks at every placement whose time has come, queues the nudges now owed (each once, by its
 * dedupe key), and sets when to look at each placement again. Placements are worked out a chunk
 * at a time, each chunk's nudges queued as soon as they are planned (so they are kept in the
 * store's own shape at once, not carried through the rest of the school as garbage-to-be; a
 * journal on disk syncs the writes made meanwhile together); once every one of them is stored, the
 * school's placements are moved on in one more write. The outbox keeps the first nudge of each
 * dedupe key, so the nudges are the same as if all were planned at once, and a crash before the
 * placements are moved on only means they are looked at again.
 */
export async function sweep(stores: SweepStores, school: School, now: Date): Promise<{ looked: number; enqueued: number; audited: number }> {
  // A decision or mark whose audit entry a crash left pending gets it now: the log never misses one for long.
  const audited = (await stores.placements.completeAudits(school.id)) + (await stores.attendance.completeAudits(school.id));
  const { looked, queued, moves } = await queueDue(stores, school, now);
  const enqueued = await queued;
  await stores.placements.setNextDueAts(school.id, moves);
  return { looked, enqueued, audited };
}

/**
 * Works out the school's due placements and starts queueing their nudges, a chunk at a time;
 * returns before the writes are done, so what was worked out (the placements, the nudges) is not
 * held while they are: a trust's sweep would otherwise carry every school's into the old
 * generation as garbage.
 */
async function queueDue(stores: SweepStores, school: School, now: Date): Promise<{ looked: number; queued: Promise<number>; moves: NextDueAtMove[] }> {
  const records = await stores.placements.listDue(school.id, now);
  const providers = await providersOf(stores, school.id);
  const queued: Promise<number>[] = [];
  const moves: NextDueAtMove[] = [];
  for (let from = 0; from < records.length; from += CHUNK) {
    const due: PlacementDue[] = [];
    for (const { placement } of records.slice(from, from + CHUNK)) {
      const item = await dueFromRegister(stores, school, placement, now, providers);
      due.push(item);
      const nextDueAt = nextSweepAt(item.obligations, school, now, placement.status === 'ended');
      moves.push({ placementId: placement.id, version: placement.version, nextDueAt });
    }
    queued.push(stores.outbox.enqueueAll(planNudges(school, due, now).map((nudge) => outboxEntryOf(school.id, nudge)), now));
  }
  return { looked: records.length, queued: Promise.all(queued).then((counts) => counts.reduce((sum, n) => sum + n, 0)), moves };
}
