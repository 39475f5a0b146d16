import { AppError, ErrorCode } from '../errors.ts';
import { shortDate } from '../calendar/localDate.ts';
import type { Placement, Pupil } from './placement.ts';

/**
 * One pupil, one record: a reference already on the school's record keeps its initials, and a
 * pupil with an open placement is not given another one silently. A second placement alongside
 * the first (a pupil may attend two provisions, 001 §5.5) is made only when asked for.
 */
export function onePupilOneRecord(pupil: Pick<Pupil, 'ref' | 'initials'>, existing: readonly Placement[], alongside: boolean): void {
  const other = existing.find((p) => p.pupil.initials !== pupil.initials);
  if (other)
    throw new AppError(ErrorCode.InvalidInput, `Pupil ${pupil.ref} is ${other.pupil.initials} on the school's record, not ${pupil.initials}. Check the reference.`, [
      `pupil.initials: ${pupil.ref} is ${other.pupil.initials} on the school's record`,
    ]);
  const open = existing.find((p) => p.status !== 'ended');
  if (open && !alongside) {
    // Named as staff know the pupil (initials · ref) and the placement (its state and start), never by its internal id.
    const pupilName = `${open.pupil.initials} · ${pupil.ref}`;
    const since = `${open.status === 'active' ? 'active since' : `${open.status}, starting`} ${shortDate(open.start)}`;
    throw new AppError(ErrorCode.NotPossible, `${pupilName} already has an open placement (${since}). Say "status ${pupil.ref}" to open it; to add a second placement alongside it, say so with "alongside".`, [
      `pupil.ref: ${pupilName} already has an open placement (${since}); say "status ${pupil.ref}" to open it`,
    ]);
  }
}
