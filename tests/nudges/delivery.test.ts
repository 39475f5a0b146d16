import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/ports/nudgeChannel.ts';
import { staffUnreachableView } from '../../src/views/staffUnreachable.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';

const quiet = { history: [{ type: 'la_informed', on: '2026-01-05' }, { type: 'home_school_agreement', on: '2026-01-05' }, { type: 'risk_assessment', on: '2026-01-05' }, { type: 'qa_visit', on: '2026-02-05' }, { type: 'provider_report', on: '2026-02-05' }], timetable: { mon: [], tue: [], wed: [], thu: [], fri: [] }, provider: { id: 'PR-7', name: 'Riverside Farm', riskAssessmentOn: '2025-09-01' } };
const reviewKeys = (delivered: { dedupeKey: string }[]) => delivered.map((d) => d.dedupeKey).filter((k) => k.includes('placement_review'));

describe('delivering nudges', () => {
  it('sends each nudge once, however often the sweep runs, and the next stage as a new nudge', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T09:00:00Z');
    await rig.at('2026-02-09T09:00:00Z');
    await rig.at('2026-02-09T09:05:00Z');
    await rig.at('2026-02-10T09:00:00Z');
    expect(reviewKeys(rig.delivered)).toEqual(['P-001|placement_review|Spring 2026 first half|2026-02-12|upcoming|s-aplead']);
    await rig.at('2026-02-12T09:00:00Z');
    await rig.at('2026-02-12T09:05:00Z');
    expect(reviewKeys(rig.delivered)).toEqual([
      'P-001|placement_review|Spring 2026 first half|2026-02-12|upcoming|s-aplead',
      'P-001|placement_review|Spring 2026 first half|2026-02-12|due|s-aplead',
    ]);
  });

  it('holds what falls due in the evening until the next school morning', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T19:00:00Z');
    await rig.at('2026-02-09T19:00:00Z');
    expect(rig.delivered).toEqual([]);
    await rig.deliverAt('2026-02-10T07:29:00Z');
    expect(rig.delivered).toEqual([]);
    await rig.deliverAt('2026-02-10T07:30:00Z');
    expect(reviewKeys(rig.delivered)).toHaveLength(1);
  });

  it('merges more than three reminders for one person into one digest', async () => {
    const placements = ['P-001', 'P-002', 'P-003', 'P-004'].map((id, i) => aPlacement({ ...quiet, id, pupil: { ref: `Y9-000${i}`, initials: 'AB' } }));
    const rig = await aNudgeRig(placements, '2026-02-09T09:00:00Z');
    await rig.at('2026-02-09T09:00:00Z');
    const toLead = rig.delivered.filter((d) => d.staffId === 's-aplead');
    expect(toLead.map((d) => d.message.kind)).toEqual(['digest']);
    expect(toLead[0]?.message.kind === 'digest' && toLead[0].message.items.map((i) => i.placementId)).toEqual(['P-001', 'P-002', 'P-003', 'P-004']);
    expect(await rig.stores.outbox.list(rig.school.id, { status: ['pending', 'failed', 'sending'] })).toEqual([]);
  });

  it('retries a 429 after the Retry-After it gave, and delivers then', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T09:00:00Z');
    rig.failFor('s-aplead', new DeliveryError('rate limited', { retryAfterMs: 30_000 }), 1);
    await rig.at('2026-02-09T09:00:00Z');
    expect(rig.delivered).toEqual([]);
    const [failed] = await rig.stores.outbox.list(rig.school.id, { status: ['failed'] });
    expect(failed).toMatchObject({ attempts: 1, lastError: 'rate limited', nextAttemptAt: new Date('2026-02-09T09:00:30Z') });
    await rig.deliverAt('2026-02-09T09:00:29Z');
    expect(rig.delivered).toEqual([]);
    await rig.deliverAt('2026-02-09T09:00:30Z');
    expect(reviewKeys(rig.delivered)).toHaveLength(1);
  });

  it('backs off exponentially on server errors and dead-letters a recipient that always fails, while others get theirs', async () => {
    const rig = await aNudgeRig([aPlacement({ ...quiet, start: '2025-11-03' })], '2026-02-09T09:00:00Z');
    rig.failFor('s-head', new DeliveryError('502 Bad Gateway'));
    await rig.at('2026-02-09T09:00:00Z');
    expect(rig.delivered.map((d) => d.staffId)).toContain('s-aplead');
    const attemptsAt: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [entry] = await rig.stores.outbox.list(rig.school.id, { staffId: 's-head', status: ['failed'] });
      if (!entry) break;
      attemptsAt.push(entry.nextAttemptAt.toISOString());
      await rig.deliverAt(entry.nextAttemptAt.toISOString());
    }
    // 30 s, 1, 2, 4, 8 minutes (jitter fixed at its middle here), then given up.
    expect(attemptsAt).toEqual(['2026-02-09T09:00:30.000Z', '2026-02-09T09:01:30.000Z', '2026-02-09T09:03:30.000Z', '2026-02-09T09:07:30.000Z', '2026-02-09T09:15:30.000Z']);
    const dead = await rig.stores.outbox.list(rig.school.id, { staffId: 's-head', status: ['dead'] });
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((e) => e.attempts === 5 && e.lastError === '502 Bad Gateway')).toBe(true);
    expect(rig.delivered.some((d) => d.staffId === 's-head')).toBe(false);
  });

  it('keeps a retry inside school hours: a 5xx just before 18:00 is tried again the next morning', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T17:59:45Z');
    rig.failFor('s-aplead', new DeliveryError('503 Service Unavailable'), 1);
    await rig.at('2026-02-09T17:59:45Z');
    const [failed] = await rig.stores.outbox.list(rig.school.id, { status: ['failed'] });
    expect(failed?.nextAttemptAt).toEqual(new Date('2026-02-10T07:30:00Z'));
  });

  it('waits, without giving up, for someone no chat reaches yet', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T09:00:00Z');
    rig.channel.canReach = () => false;
    for (let hour = 9; hour < 17; hour++) await rig.at(`2026-02-09T${String(hour).padStart(2, '0')}:00:00Z`);
    const waiting = await rig.stores.outbox.list(rig.school.id, { staffId: 's-aplead' });
    expect(waiting.map((e) => e.status)).toEqual(['failed']);
    expect(waiting[0]?.nextAttemptAt).toEqual(new Date('2026-02-09T17:00:00Z'));
    rig.channel.canReach = () => true;
    await rig.deliverAt('2026-02-09T17:00:00Z');
    expect(reviewKeys(rig.delivered)).toHaveLength(1);
  });

  it('tells the headteacher, once, when the AP lead has been out of reach for a school day, with what to do', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T09:00:00Z');
    rig.channel.canReach = (_schoolId, staff) => staff.id !== 's-aplead';
    for (let hour = 9; hour < 17; hour++) await rig.at(`2026-02-09T${String(hour).padStart(2, '0')}:00:00Z`);
    expect(rig.delivered.filter((d) => d.message.kind === 'staff_unreachable')).toEqual([]);
    for (let hour = 8; hour < 12; hour++) await rig.at(`2026-02-10T${String(hour).padStart(2, '0')}:00:00Z`);
    const reports = rig.delivered.filter((d) => d.message.kind === 'staff_unreachable');
    expect(reports).toEqual([{ staffId: 's-head', message: { kind: 'staff_unreachable', schoolId: rig.school.id, staffId: 's-aplead', since: '2026-02-09' }, dedupeKey: 'unreachable|s-aplead|2026-02-09|s-head' }]);
    const view = staffUnreachableView(rig.school, 's-aplead', '2026-02-09');
    expect(view.title).toBe('Ms R Okafor cannot be reached yet');
    expect(view.problems[0]).toBe('In Teams: ask Ms R Okafor to open apbot once, or pin it for them in the Teams admin centre.');
  });

  it('tells the AP lead about anyone else out of reach, and never about a wait shorter than a school day', async () => {
    const rig = await aNudgeRig([aPlacement({ ...quiet, owners: { ap_lead: 's-teacher' } })], '2026-02-13T09:00:00Z');
    rig.channel.canReach = (_schoolId, staff) => staff.id !== 's-teacher';
    await rig.at('2026-02-13T09:00:00Z');
    await rig.at('2026-02-13T15:00:00Z');
    expect(rig.delivered.filter((d) => d.message.kind === 'staff_unreachable')).toEqual([]);
    await rig.at('2026-02-23T08:00:00Z');
    await rig.deliverAt('2026-02-23T08:01:00Z');
    expect(rig.delivered.filter((d) => d.message.kind === 'staff_unreachable').map((d) => d.staffId)).toEqual(['s-aplead']);
  });

  it('dead-letters at once what the platform refuses for good', async () => {
    const rig = await aNudgeRig([aPlacement(quiet)], '2026-02-09T09:00:00Z');
    rig.failFor('s-aplead', new DeliveryError('user_not_found', { permanent: true }));
    await rig.at('2026-02-09T09:00:00Z');
    expect((await rig.stores.outbox.list(rig.school.id, { status: ['dead'] })).map((e) => e.attempts)).toEqual([0]);
  });

  it('paces messages to one person on a channel instead of hitting its rate limit', async () => {
    const placements = ['P-001', 'P-002'].map((id, i) => aPlacement({ ...quiet, id, pupil: { ref: `Y9-000${i}`, initials: 'AB' } }));
    const rig = await aNudgeRig(placements, '2026-02-09T09:00:00Z', aSchool({ digestThreshold: 5 }), { recording: 1000 });
    await rig.at('2026-02-09T09:00:00Z');
    expect(rig.delivered.filter((d) => d.staffId === 's-aplead')).toHaveLength(2);
    // The second message to the same person waited for the gap; the first did not.
    expect(rig.waits).toHaveLength(1);
    expect(rig.waits[0]).toBeGreaterThan(900);
  });
});
