import { parseArgs } from 'node:util';
import { registerUrl } from '../../app/signedLinks.ts';
import { readsTrustReport } from '../../app/trustReport.ts';
import { readEnv } from '../../config/env.ts';
import { linkSecret, publicUrl } from '../../config/registerLinks.ts';
import { loadConfiguredSchools } from '../../config/schools.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { may } from '../../views/register.ts';
import type { CliIo } from '../io.ts';

const USAGE = 'ap link register|report|trust --as <staff id> [--school <id>]';

/** Each page a link opens: the register, the school's termly report, the report across the trust's schools. */
const PAGES: Record<string, string> = { register: '/register', report: '/register/report', trust: '/register/trust' };

/** Prints a signed link to one of the bot's pages for one member of staff, good for 15 minutes (for scripts and tests). */
export function link(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' }, school: { type: 'string' } } });
  const path = PAGES[positionals[0] ?? ''];
  if (positionals.length !== 1 || !path || !values.as) return io.usage(USAGE);
  const env = readEnv();
  const schools = loadConfiguredSchools(env);
  const school = values.school === undefined && schools.length === 1 ? schools[0] : schools.find((s) => s.id === values.school);
  if (!school) throw new AppError(ErrorCode.InvalidInput, `--school must be one of: ${schools.map((s) => s.id).join(', ')}.`);
  const actor = actorFor(school, values.as);
  if (!actor) throw new AppError(ErrorCode.NotFound, `${values.as} is not on the staff of ${school.config.school.name}.`);
  if (positionals[0] === 'report' && !may(actor, 'readSchoolReport', school)) throw new AppError(ErrorCode.NotAllowed, `${values.as} does not read the termly report at ${school.config.school.name}.`);
  if (positionals[0] === 'trust' && !readsTrustReport(schools, school, actor)) throw new AppError(ErrorCode.NotAllowed, `${values.as} does not read the termly report in more than one school (the same Teams or Slack account on the staff of each).`);
  io.out(registerUrl(publicUrl(env), linkSecret(env), values.as, school.id, new Date(), path));
  return 0;
}
