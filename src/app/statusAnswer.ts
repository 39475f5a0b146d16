import type { Placement } from '../core/placement/placement.ts';
import type { RegisterLinkView } from '../views/registerLink.ts';
import { mayReadPlacements } from './guards.ts';
import type { Identified } from './identity.ts';
import { openPlacements, pupilRecord, type PlacementWithObligations, type ReadStores } from './queries.ts';
import { chronologyLinkFor, registerLinkFor, type MakeRegisterLink } from './registerLink.ts';

/**
 * `status [ref]` on either chat: every open placement with the link to the register, or one
 * pupil's record (every placement they have had) with the link to their chronology.
 */
export type StatusAnswer =
  | { kind: 'list'; list: readonly PlacementWithObligations[]; link: RegisterLinkView }
  | { kind: 'pupil'; placement: Placement; all: Placement[]; link: RegisterLinkView };

export async function statusAnswer(stores: ReadStores, who: Identified, ref: string | undefined, now: Date, makeLink: MakeRegisterLink): Promise<StatusAnswer> {
  mayReadPlacements(who);
  const { school, actor } = who;
  if (ref === undefined) return { kind: 'list', list: await openPlacements(stores, school, now), link: registerLinkFor(school, actor, makeLink) };
  const { placement, all } = await pupilRecord(stores, school, ref);
  return { kind: 'pupil', placement, all, link: chronologyLinkFor(school, actor, placement.pupil.ref, makeLink) };
}
