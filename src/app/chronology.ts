import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { chronologyView, type ChronologyView } from '../views/chronology.ts';
import { may } from '../views/register.ts';
import type { ReadStores } from './queries.ts';
import { asItStands } from './asItStands.ts';

/** A pupil's chronology over all their placements, ended ones included; for those who read placements. */
export async function chronologyFor(stores: ReadStores, school: School, actor: Actor, ref: string | undefined, now: Date): Promise<ChronologyView> {
  if (!may(actor, 'readPlacement', school))
    throw new AppError(ErrorCode.NotAllowed, 'A pupil\'s chronology is shown to the AP lead, headteacher, DSL and attendance officer.');
  const records = ref ? await stores.placements.list(school.id, { pupilRef: ref.toUpperCase() }) : [];
  if (records.length === 0) throw new AppError(ErrorCode.NotFound, `No placement for pupil ${ref ?? '(none given)'} at ${school.config.school.name}.`);
  const placements = await Promise.all(records.map(({ placement }) => asItStands(stores, school.id, placement)));
  return chronologyView(school, actor, placements, now);
}
