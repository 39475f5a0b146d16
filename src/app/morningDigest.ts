import { localDateOf } from '../core/calendar/localTime.ts';
import { actorFor } from '../core/decisions/decision.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { NudgeItem } from '../ports/nudgeChannel.ts';
import { itemOf } from '../nudges/planNudges.ts';
import { dueFor, type ReadStores } from './queries.ts';
import type { NudgeOutbox } from '../ports/nudgeOutbox.ts';

/** Each school morning, everyone who owns something open gets one list of it. */
export async function morningDigest(stores: ReadStores & { outbox: NudgeOutbox }, school: School, now: Date): Promise<number> {
  const today = localDateOf(now, school.config.school.timezone);
  if (!school.calendar.isSchoolDay(today)) return 0;
  let queued = 0;
  for (const member of school.config.staff) {
    const actor = actorFor(school, member.id);
    if (!actor) continue;
    const items: NudgeItem[] = (await dueFor(stores, school, actor, now)).map(({ placement, obligation }) => itemOf(placement, obligation));
    if (items.length === 0) continue;
    const { created } = await stores.outbox.enqueue(
      { schoolId: school.id, dedupeKey: `morning|${today}|${member.id}`, recipient: { schoolId: school.id, staffId: member.id }, message: { kind: 'digest', schoolId: school.id, items }, notBefore: now },
      now,
    );
    if (created) queued++;
  }
  return queued;
}
