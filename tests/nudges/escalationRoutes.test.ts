import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import type { Obligation } from '../../src/core/obligations/obligation.ts';
import { planNudges } from '../../src/nudges/planNudges.ts';
import { roleName } from '../../src/views/names.ts';
import { reminder } from '../../src/views/reminder.ts';
import { aRecordingIo } from '../fixtures/cliIo.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';

const school = aSchool();
const holders = (role: string) => school.config.staff.filter((s) => s.roles.some((r) => r === role)).map((s) => s.id);

/**
 * Each case: a placement from Mon 2 Mar 2026 with one escalated item, at Fri 13 Mar 12:00 (a
 * concern on Mon 9 Mar: due Tue 10, late Wed 11 and Thu 12, escalated Fri 13; a session of
 * Thu 12 Mar: escalated at 15:15 that day).
 */
const AT = '2026-03-13T12:00:00Z';
const cases = [
  {
    when: 'the review a safeguarding concern calls for',
    history: [{ type: 'concern', on: '2026-03-09', category: 'safeguarding' }],
    match: (o: Obligation) => o.type === 'placement_review' && o.subject === 'safeguarding concern 2026-03-09',
    escalateTo: 'dsl',
  },
  {
    when: 'the risk assessment a safeguarding concern calls for',
    history: [{ type: 'concern', on: '2026-03-09', category: 'safeguarding' }],
    match: (o: Obligation) => o.type === 'pupil_risk_assessment' && o.subject === 'safeguarding concern 2026-03-09',
    escalateTo: 'dsl',
  },
  {
    when: 'the risk assessment a behaviour concern calls for',
    history: [{ type: 'concern', on: '2026-03-09', category: 'behaviour' }],
    match: (o: Obligation) => o.type === 'pupil_risk_assessment' && o.subject === 'behaviour concern 2026-03-09',
    escalateTo: 'headteacher',
  },
  {
    when: 'an unexplained absence',
    history: [{ type: 'attendance', on: '2026-03-10', session: 'am', mark: 'absent_unauthorised' }],
    match: (o: Obligation) => o.type === 'absence_follow_up',
    escalateTo: 'dsl',
  },
  {
    when: 'a session never confirmed',
    history: [],
    match: (o: Obligation) => o.type === 'attendance_confirmation' && o.subject === '2026-03-12 am',
    escalateTo: 'dsl',
  },
  {
    when: 'telling the local authority of the placement',
    history: [],
    match: (o: Obligation) => o.type === 'la_informed',
    escalateTo: 'headteacher',
  },
];

describe('one escalation route per duty: ap due, the nudges and the card name the same person', () => {
  it.each(cases)('$when escalates to the $escalateTo', async ({ history, match, escalateTo }) => {
    const placement = aPlacement({ start: '2026-03-02', history: [{ type: 'review', on: '2026-03-02' }, { type: 'risk_assessment', on: '2026-02-27' }, ...history] });
    const at = new Date(AT);
    const obligations = deriveObligations(placement, school, at);
    const item = obligations.find(match);
    expect(item?.stage).toBe('escalated');
    if (!item) return;

    // ap due --json, as a user would run it.
    const { io, stdout } = aRecordingIo();
    const file = join(mkdtempSync(join(tmpdir(), 'apbot-routes-')), 'placements.json');
    writeFileSync(file, JSON.stringify([placement]));
    expect(await runCli(['due', '--school', 'examples/school.yaml', '--placements', file, '--at', at.toISOString(), '--json'], io)).toBe(0);
    const fromDue = (JSON.parse(stdout()) as Obligation[]).find((o) => o.type === item.type && o.subject === item.subject);
    expect(fromDue?.escalateToRole).toBe(escalateTo);

    // The nudges: the owner and whoever the route names, nobody else senior.
    const nudged = planNudges(school, [{ placement, obligations }], at)
      .filter((n) => n.dedupeKey.includes(`|${item.type}|`) || (n.message.kind === 'attendance' && item.type === 'attendance_confirmation'))
      .filter((n) => n.dedupeKey.includes('escalated'))
      .map((n) => n.staffId);
    for (const id of holders(escalateTo)) expect(nudged).toContain(id);
    const senior = escalateTo === 'dsl' ? 'headteacher' : 'dsl';
    for (const id of holders(senior)) expect(nudged).not.toContain(id);

    // The card.
    expect(reminder(placement, item, school, at, { staffId: 's-aplead', roles: ['ap_lead'] }).stageLabel).toBe(`Late, passed to the ${roleName(escalateTo as never)}`);
  });
});
