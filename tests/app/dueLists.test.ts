import { describe, expect, it } from 'vitest';
import { attendanceSessionOf, dueListFor } from '../../src/app/queries.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aPlacement } from '../fixtures/placements.ts';

describe("the session an attendance list's button names", () => {
  it('is read back when the list, date and session are all as the bot wrote them', () => {
    expect(attendanceSessionOf({ list: 'attendance', date: '2026-02-10', session: 'pm', offset: 10 })).toEqual({ date: '2026-02-10', session: 'pm' });
  });

  it.each([
    ['another list', { list: 'digest', date: '2026-02-10', session: 'am' }],
    ['no such session', { list: 'attendance', date: '2026-02-10', session: 'evening' }],
    ['no such date', { list: 'attendance', date: '2026-02-30', session: 'am' }],
    ['a date in another shape', { list: 'attendance', date: '10/02/2026', session: 'am' }],
    ['a number for a date', { list: 'attendance', date: 20260210, session: 'am' }],
  ])('is nothing for %s', (_, input) => {
    expect(attendanceSessionOf(input)).toBeUndefined();
  });
});

describe("a person's due list", () => {
  it("is narrowed to one session's attendance when a session is named, and is everything otherwise", async () => {
    const rig = await aNudgeRig([aPlacement({ id: 'P-001' }), aPlacement({ id: 'P-002', pupil: { ref: 'Y8-0001', initials: 'AA' } })], '2026-02-10T11:00:00Z');
    const officer = actorFor(rig.school, 's-attendance')!;
    const now = new Date('2026-02-10T11:00:00Z');
    const all = await dueListFor(rig.stores, rig.school, officer, now);
    const morning = await dueListFor(rig.stores, rig.school, officer, now, { date: '2026-02-10', session: 'am' });
    expect(morning.map((d) => [d.placement.id, d.obligation.subject])).toEqual([
      ['P-001', '2026-02-10 am'],
      ['P-002', '2026-02-10 am'],
    ]);
    expect(all.length).toBeGreaterThan(morning.length);
  });
});
