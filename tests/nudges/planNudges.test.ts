import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import { itemOf, planNudges } from '../../src/nudges/planNudges.ts';
import { nextAllowedTime } from '../../src/nudges/quietHours.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';

const school = aSchool();
const plan = (placements: Record<string, unknown>[], at: string) => {
  const now = new Date(at);
  const due = placements.map((p) => {
    const placement = aPlacement(p);
    return { placement, obligations: deriveObligations(placement, school, now) };
  });
  return planNudges(school, due, now);
};
const about = (type: string) => (n: ReturnType<typeof plan>[number]) => n.dedupeKey.includes(`|${type}|`);

describe('who is nudged', () => {
  it('the owner of an upcoming item, and nobody about what is only scheduled', () => {
    const nudges = plan([{ history: [{ type: 'la_informed', on: '2026-01-05' }] }], '2026-02-09T09:00:00Z');
    expect(nudges.filter(about('placement_review')).map((n) => n.staffId)).toEqual(['s-aplead']);
    expect(nudges.filter(about('home_school_agreement_review'))).toEqual([]);
  });

  it('at escalation, the headteacher too; for what a safeguarding concern set off, the DSL instead', () => {
    const nudges = plan([{ start: '2025-11-03', history: [{ type: 'concern', on: '2026-02-02', category: 'safeguarding' }] }], '2026-02-09T09:00:00Z');
    const review = nudges.filter(about('placement_review'));
    expect(review.filter((n) => n.dedupeKey.includes('Autumn 2025 second half')).map((n) => n.staffId).sort()).toEqual(['s-aplead', 's-head']);
    expect(review.filter((n) => n.dedupeKey.includes('safeguarding concern')).map((n) => n.staffId).sort()).toEqual(['s-aplead', 's-dsl']);
  });

  it('a named owner instead of everyone with the role', () => {
    const base = aSchool();
    const withDeputy = aSchool({}, { staff: [...base.config.staff, { id: 's-deputy-ap', name: 'Mr E Deputy', roles: ['ap_lead'] }] });
    const placement = aPlacement({ owners: { ap_lead: 's-deputy-ap' } });
    const now = new Date('2026-02-09T09:00:00Z');
    const nudges = planNudges(withDeputy, [{ placement, obligations: deriveObligations(placement, withDeputy, now) }], now);
    expect(new Set(nudges.filter(about('placement_review')).map((n) => n.staffId))).toEqual(new Set(['s-deputy-ap']));
  });

  it('an unexplained absence reaches the DSL the same day', () => {
    const nudges = plan([{ history: [{ type: 'attendance', on: '2026-02-09', session: 'am', mark: 'absent_unauthorised' }] }], '2026-02-09T11:00:00Z');
    expect(nudges.filter(about('absence_follow_up')).map((n) => n.staffId).sort()).toEqual(['s-attendance', 's-dsl']);
  });
});

describe('what one nudge covers', () => {
  it('a provider check is one nudge for the provider, however many pupils are placed there', () => {
    const nudges = plan([{ id: 'P-001' }, { id: 'P-002', pupil: { ref: 'Y8-0001', initials: 'AA' } }], '2026-02-09T09:00:00Z');
    const qa = nudges.filter(about('qa_visit')).filter((n) => n.staffId === 's-aplead');
    expect(qa).toHaveLength(1);
    expect(qa[0]?.dedupeKey).toMatch(/^provider:PR-7\|qa_visit\|/);
  });

  it('attendance after the cut-off: one entry per session and pupil, for the attendance officer', () => {
    const nudges = plan([{ id: 'P-001', start: '2026-02-09' }, { id: 'P-002', start: '2026-02-09', pupil: { ref: 'Y8-0001', initials: 'AA' } }], '2026-02-09T10:30:00Z');
    const lists = nudges.filter((n) => n.message.kind === 'attendance');
    expect(lists.map((n) => [n.staffId, n.dedupeKey])).toEqual([
      ['s-attendance', 'attendance|2026-02-09|am|overdue|P-001|s-attendance'],
      ['s-attendance', 'attendance|2026-02-09|am|overdue|P-002|s-attendance'],
    ]);
    expect(plan([{ start: '2026-02-09' }], '2026-02-09T09:30:00Z').filter((n) => n.message.kind === 'attendance')).toEqual([]);
  });

  it('attendance lists: each officer gets only the pupils they were named for', () => {
    const base = aSchool();
    const twoOfficers = aSchool({}, { staff: [...base.config.staff, { id: 's-att2', name: 'Mr F Second', roles: ['attendance_officer'] }] });
    const now = new Date('2026-02-09T10:30:00Z');
    const due = [
      aPlacement({ id: 'P-001', start: '2026-02-09', owners: { attendance_officer: 's-attendance' } }),
      aPlacement({ id: 'P-002', start: '2026-02-09', owners: { attendance_officer: 's-att2' }, pupil: { ref: 'Y8-0001', initials: 'AA' } }),
    ].map((placement) => ({ placement, obligations: deriveObligations(placement, twoOfficers, now) }));
    const lists = planNudges(twoOfficers, due, now).filter((n) => n.message.kind === 'attendance');
    expect(lists.map((n) => [n.staffId, n.message.kind === 'attendance' && n.message.items.map((i) => i.placementId)])).toEqual([
      ['s-attendance', ['P-001']],
      ['s-att2', ['P-002']],
    ]);
  });

  it('a proposed part-time timetable asks each approver for their approval', () => {
    const nudges = plan([{ kind: 'part_time_timetable', status: 'proposed', provider: undefined, start: '2026-02-23' }], '2026-02-09T09:00:00Z');
    expect(nudges.filter((n) => n.message.kind === 'approval_request').map((n) => n.staffId).sort()).toEqual(['s-aplead', 's-head']);
  });
});

describe('snooze', () => {
  const obligation = 'placement_review:Spring 2026 first half';
  it('holds the nudges of a snoozed item until the snooze ends', () => {
    const snoozed = [{ history: [{ type: 'snooze', on: '2026-02-09', obligation, until: '2026-02-12', reason: 'Parents away' }] }];
    expect(plan(snoozed, '2026-02-10T09:00:00Z').filter(about('placement_review'))).toEqual([]);
    expect(plan(snoozed, '2026-02-12T09:00:00Z').filter(about('placement_review'))).not.toEqual([]);
  });

  it('holds an attendance session snoozed to midday until midday, and no longer', () => {
    const snoozed = [
      { start: '2026-02-09', history: [{ type: 'snooze', on: '2026-02-09', obligation: 'attendance_confirmation:2026-02-09 am', until: '2026-02-09', untilAt: '2026-02-09T12:00:00.000Z', reason: 'Provider rings back' }] },
    ];
    const attendance = (at: string) => plan(snoozed, at).filter((n) => n.message.kind === 'attendance' && n.message.date === '2026-02-09' && n.message.session === 'am');
    expect(attendance('2026-02-09T11:00:00Z')).toEqual([]);
    expect(attendance('2026-02-09T12:30:00Z').map((n) => n.staffId)).toEqual(['s-attendance']);
  });

  it('never holds back an escalation', () => {
    const snoozed = [{ start: '2025-11-03', history: [{ type: 'snooze', on: '2026-02-09', obligation: 'placement_review:Autumn 2025 second half', until: '2026-03-01', reason: 'x' }] }];
    expect(plan(snoozed, '2026-02-10T09:00:00Z').filter((n) => n.dedupeKey.includes('Autumn 2025 second half|2025-12-19|escalated')).length).toBeGreaterThan(0);
  });
});

describe('quiet hours', () => {
  it.each([
    ['2026-02-09T12:00:00Z', false, '2026-02-09T12:00:00.000Z', 'midday on a school day: now'],
    ['2026-02-09T19:00:00Z', false, '2026-02-10T07:30:00.000Z', 'evening: next school morning'],
    ['2026-02-10T06:00:00Z', false, '2026-02-10T07:30:00.000Z', 'early morning: at 07:30'],
    ['2026-02-12T19:00:00Z', false, '2026-02-23T07:30:00.000Z', 'Thursday evening before INSET and half-term'],
    ['2026-02-09T22:00:00Z', true, '2026-02-09T22:00:00.000Z', 'urgent on a school day: at once'],
    ['2026-02-14T10:00:00Z', true, '2026-02-23T07:30:00.000Z', 'urgent in the holiday: the next school morning'],
    ['2026-06-01T05:00:00Z', false, '2026-06-01T06:30:00.000Z', 'in summer time, 07:30 BST'],
  ])('at %s (urgent %s) a nudge may go at %s: %s', (at, urgent, expected) => {
    expect(nextAllowedTime(new Date(at), school, urgent).toISOString()).toBe(expected);
  });
});

describe('what a nudge says of its duty', () => {
  it('carries every field of the obligation, its instant written out, and the pupil by reference and initials alone', () => {
    const placement = aPlacement({ start: '2025-11-03', history: [{ type: 'concern', on: '2026-02-02', category: 'safeguarding' }] });
    const obligations = deriveObligations(placement, school, new Date('2026-02-09T09:00:00Z'));
    // With a warning too (a late suspension provision has one), and every instant in turn, then the first again.
    const all = [...obligations, { ...obligations[0]!, warning: 'The planned start is after the sixth school day' }, obligations[0]!];
    expect(new Set(all.map((o) => o.dueAt.getTime())).size).toBeGreaterThan(1);
    for (const o of all) {
      const item = itemOf(placement, o);
      expect(item).toEqual({ ...o, dueAt: o.dueAt.toISOString(), pupil: { ref: placement.pupil.ref, initials: placement.pupil.initials } });
      expect(Object.keys(item).sort()).toEqual([...Object.keys(o), 'pupil'].sort());
    }
  });
});
