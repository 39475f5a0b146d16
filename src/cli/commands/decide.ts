import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { decide as runDecision } from '../../app/decide.ts';
import { actorFor } from '../../core/decisions/decision.ts';
import { DECISIONS } from '../../core/decisions/index.ts';
import { actionEntry, isVerb } from '../../views/registry.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { parseInstant } from '../instant.ts';
import type { CliIo } from '../io.ts';
import { withWorkspace } from '../workspace.ts';

const USAGE = "ap decide <decision> --as <staffId> [--placement <id>] [--json '{…}'] [--school <id>] [--key <idempotency key>] [--at <ISO instant>]";

/** Records one decision from the command line, through the same use case the chat channels call. */
export async function decide(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string' }, placement: { type: 'string' }, json: { type: 'string' }, school: { type: 'string' }, key: { type: 'string' }, at: { type: 'string' } },
  });
  const [name] = positionals;
  if (!name || !values.as) return io.usage(USAGE);
  // The same registry the chats read: only a verb that records a decision of its own is one here.
  if (!isVerb(name) || actionEntry(name).decision !== name)
    throw new AppError(ErrorCode.InvalidInput, `There is no decision called "${name}". These are: ${[...DECISIONS.keys()].join(', ')}.`);
  let input: unknown;
  try {
    input = JSON.parse(values.json ?? '{}');
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `--json is not valid JSON: ${(error as Error).message}`);
  }
  const now = values.at ? parseInstant(values.at, '--at') : new Date();

  return withWorkspace(io, now, async (ws) => {
    const school = ws.school(values.school);
    const actor = actorFor(school, values.as as string);
    if (!actor) throw new AppError(ErrorCode.NotAllowed, `There is no member of staff "${values.as}" at ${school.config.school.name}.`);
    const result = await runDecision(ws.stores, {
      school,
      actor,
      decision: name,
      placementId: values.placement,
      input,
      idempotencyKey: values.key ?? `cli:${randomUUID()}`,
      now,
    });
    io.out(
      JSON.stringify({
        decision: result.decision,
        placementId: result.record.placement.id,
        status: result.record.placement.status,
        version: result.record.placement.version,
        summary: result.summary,
        replayed: result.replayed,
        ...(result.attendance ? { attendance: result.attendance } : {}),
      }),
    );
    return 0;
  });
}
