import { parseArgs } from 'node:util';
import { registerUrl } from '../../app/signedLinks.ts';
import { readEnv } from '../../config/env.ts';
import { linkSecret, publicUrl } from '../../config/registerLinks.ts';
import { loadConfiguredSchools } from '../../config/schools.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import type { CliIo } from '../io.ts';

const USAGE = 'ap link register --as <staff id> [--school <id>]';

/** Prints a signed link to the register for one member of staff, good for 15 minutes (for scripts and tests). */
export function link(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' }, school: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'register' || !values.as) return io.usage(USAGE);
  const env = readEnv();
  const schools = loadConfiguredSchools(env);
  const school = values.school === undefined && schools.length === 1 ? schools[0] : schools.find((s) => s.id === values.school);
  if (!school) throw new AppError(ErrorCode.InvalidInput, `--school must be one of: ${schools.map((s) => s.id).join(', ')}.`);
  if (!actorFor(school, values.as)) throw new AppError(ErrorCode.NotFound, `${values.as} is not on the staff of ${school.config.school.name}.`);
  io.out(registerUrl(publicUrl(env), linkSecret(env), values.as, school.id, new Date()));
  return 0;
}
