import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { may, registerCountsView, registerQuery, registerView, type RegisterCountsView, type RegisterView } from '../views/register.ts';
import { openPlacements, type ReadStores } from './queries.ts';
import { mayOpenRegister } from './registerLink.ts';

/**
 * The register as this person may see it: every open placement for those who read placements,
 * counts only for those who read the school's report (governors); anyone else is refused.
 */
export async function registerFor(stores: ReadStores, school: School, actor: Actor, now: Date, raw: Record<string, string | undefined>): Promise<RegisterView | RegisterCountsView> {
  const readsPupils = may(actor, 'readPlacement', school);
  if (!mayOpenRegister(school, actor))
    throw new AppError(ErrorCode.NotAllowed, `The register is for the staff who work with pupils in AP at ${school.config.school.name}.`);
  const query = registerQuery(raw);
  const open = await openPlacements(stores, school, now);
  return readsPupils ? registerView(school, actor, open, now, query) : registerCountsView(school, actor, open, now);
}
