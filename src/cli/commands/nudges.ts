import { parseArgs } from 'node:util';
import { loadPlacementsFile } from '../../config/placementsFile.ts';
import { loadSchoolFile } from '../../config/schoolFile.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { planNudges } from '../../nudges/planNudges.ts';
import type { NudgeMessage } from '../../ports/nudgeChannel.ts';
import { parseInstant } from '../instant.ts';
import type { CliIo } from '../io.ts';
import { formatTable } from '../table.ts';

const USAGE = 'ap nudges preview --school <school.yaml> --placements <placements.json> --at <ISO instant>';

function what(message: NudgeMessage): string {
  switch (message.kind) {
    case 'reminder':
      return `${message.item.stage}: ${message.item.type}${message.item.subject ? ` (${message.item.subject})` : ''} for ${message.item.placementId}`;
    case 'attendance':
      return `attendance ${message.date} ${message.session}: ${message.items.map((i) => i.placementId).join(', ')}`;
    case 'approval_request':
      return `approval wanted for ${message.placementId}`;
    default:
      return message.kind;
  }
}

/** What the sweep would send at an instant, to whom, and from when (quiet hours), without sending it. */
export function nudges(args: string[], io: CliIo): number {
  const [sub, ...rest] = args;
  if (sub !== 'preview') return io.usage(USAGE);
  const { values } = parseArgs({ args: rest, options: { school: { type: 'string' }, placements: { type: 'string' }, at: { type: 'string' } } });
  if (!values.school || !values.placements) return io.usage(USAGE);
  const at = parseInstant(values.at, '--at');
  const school = loadSchoolFile(values.school);
  const due = loadPlacementsFile(values.placements).map((placement) => ({ placement, obligations: deriveObligations(placement, school, at) }));
  const planned = planNudges(school, due, at).sort((a, b) => a.staffId.localeCompare(b.staffId) || a.dedupeKey.localeCompare(b.dedupeKey));
  const names = new Map(school.config.staff.map((s) => [s.id, s.roles.join(', ')]));
  io.out(`${planned.length} nudges at ${at.toISOString()}\n`);
  io.out(formatTable(['to', 'role', 'not before', 'what'], planned.map((n) => [n.staffId, names.get(n.staffId) ?? '', n.notBefore.toISOString(), what(n.message)])));
  return 0;
}
