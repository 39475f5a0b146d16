import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { may } from '../views/register.ts';
import { registerLinkView, type RegisterLinkView } from '../views/registerLink.ts';

export type MakeRegisterLink = (schoolId: string, staffId: string) => { url: string; expiresAt: Date };

/** Whether the register would show this person anything: pupils, or (governors) the numbers. */
export function mayOpenRegister(school: School, actor: Actor): boolean {
  return may(actor, 'readPlacement', school) || may(actor, 'readSchoolReport', school);
}

/** `register`: a fresh signed link for the person asking, or a refusal saying who the register is for. */
export function registerLinkFor(school: School, actor: Actor, make: MakeRegisterLink): RegisterLinkView {
  if (!mayOpenRegister(school, actor))
    throw new AppError(ErrorCode.NotAllowed, `The register is for the staff who work with pupils in AP at ${school.config.school.name}. You can still log a concern: concern <pupil ref>.`);
  return registerLinkView(school, make(school.id, actor.staffId));
}

/** Under `status <ref>`: the same signed link, opening that pupil's chronology. */
export function chronologyLinkFor(school: School, actor: Actor, ref: string, make: MakeRegisterLink): RegisterLinkView {
  const link = make(school.id, actor.staffId);
  const url = new URL(link.url);
  url.pathname = url.pathname.replace(/\/register$/, '/register/pupil');
  url.searchParams.set('ref', ref);
  return { ...registerLinkView(school, { ...link, url: url.href }), title: `Chronology: ${ref}`, buttonTitle: 'Open the chronology' };
}
