import { describe, expect, it } from 'vitest';
import { loadPlacementsFile } from '../../src/config/placementsFile.ts';
import { EXAMPLE_PLACEMENTS_FILE } from '../../src/config/schools.ts';
import type { NudgeMessage } from '../../src/ports/nudgeChannel.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';

const HALF_HOUR = 30 * 60_000;

/** A short line per item: what, about which placement, due when, at which stage. */
function describe_(message: NudgeMessage): string[] {
  switch (message.kind) {
    case 'reminder':
      return [`${message.item.stage} ${message.item.type} ${message.item.subject ?? ''} ${message.item.placementId}`.replace('  ', ' ')];
    case 'digest':
    case 'attendance':
    case 'team_overview':
      return message.items.map((i) => `${i.stage} ${i.type} ${i.subject ?? ''} ${i.placementId}`.replace('  ', ' '));
    case 'staff_unreachable':
      return [`${message.kind} ${message.staffId}`];
    default:
      return [`${message.kind} ${message.placementId}`];
  }
}

describe('the example school through the week of the May bank holiday', () => {
  it('nudges the right people at the right times, each once (compared with the committed log)', async () => {
    const rig = await aNudgeRig(loadPlacementsFile(EXAMPLE_PLACEMENTS_FILE), '2026-05-04T00:00:00+01:00');
    const log: { at: string; to: string; kind: string; items: string[] }[] = [];
    for (let t = Date.parse('2026-05-04T00:00:00+01:00'); t < Date.parse('2026-05-09T00:00:00+01:00'); t += HALF_HOUR) {
      const before = rig.delivered.length;
      await rig.at(new Date(t).toISOString());
      for (const d of rig.delivered.slice(before)) log.push({ at: new Date(t).toISOString(), to: d.staffId, kind: d.message.kind, items: describe_(d.message) });
    }
    const keys = rig.delivered.map((d) => d.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Monday is a bank holiday: nothing goes out until Tuesday at 07:30.
    expect(log[0]?.at).toBe('2026-05-05T06:30:00.000Z');
    await expect(JSON.stringify(log, null, 1)).toMatchFileSnapshot('../fixtures/expected/nudges-week-2026-05-04.json');
  });
});
