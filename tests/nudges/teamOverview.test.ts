import { describe, expect, it } from 'vitest';
import { chooseTeamChannel, queueTeamOverview } from '../../src/app/apTeamChannel.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import type { NudgeMessage } from '../../src/ports/nudgeChannel.ts';
import { TEAM_CHANNEL } from '../../src/ports/nudgeOutbox.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';
import { aPlacement, obligationsOf } from '../fixtures/placements.ts';

const TUESDAY = '2026-02-10T07:45:00Z';
const SATURDAY = '2026-02-14T07:45:00Z';

/** Two pupils at Riverside Farm since November: one with a safeguarding concern, one absent without reason this morning. */
const placements = () => [
  aPlacement({ id: 'P-001', start: '2025-11-03', history: [{ type: 'concern', on: '2026-02-09', category: 'safeguarding' }] }),
  aPlacement({ id: 'P-002', start: '2025-11-03', pupil: { ref: 'Y8-0001', initials: 'AA' }, history: [{ type: 'attendance', on: '2026-02-09', session: 'am', mark: 'absent_unauthorised' }] }),
];

async function aRig() {
  const rig = await aNudgeRig(placements(), TUESDAY);
  const who = (staffId: string) => ({ school: rig.school, actor: actorFor(rig.school, staffId)! });
  return { ...rig, who };
}

const teamEntries = async (rig: Awaited<ReturnType<typeof aRig>>) => (await rig.stores.outbox.list(rig.school.id, { staffId: TEAM_CHANNEL })).map((e) => e.message as Extract<NudgeMessage, { kind: 'team_overview' }>);

/** The audit beyond the placements' import. */
const channelAudit = async (rig: Awaited<ReturnType<typeof aRig>>) => (await rig.stores.audit.list(rig.school.id)).filter((e) => e.action !== 'importPlacement');

describe('choosing the AP team channel', () => {
  it('is recorded once for a leader, and saying it again in the same place changes nothing', async () => {
    const rig = await aRig();
    const channel = { conversation: { id: '19:ap-team@thread.tacv2' } };
    expect(await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'teams', channel, new Date(TUESDAY))).toEqual({ changed: true });
    expect(await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'teams', channel, new Date(TUESDAY))).toEqual({ changed: false });
    const audit = await channelAudit(rig);
    expect(audit.map((e) => [e.action, e.actor, e.role, e.outcome])).toEqual([['chooseTeamChannel', 's-aplead', 'ap_lead', 'recorded']]);
    expect((await rig.stores.conversations.get(rig.school.id, TEAM_CHANNEL, 'teams'))?.reference).toEqual(channel);
  });

  it('is refused to a teacher, audited as refused, and leaves the chosen channel as it was', async () => {
    const rig = await aRig();
    await chooseTeamChannel(rig.stores, rig.who('s-head'), 'slack', { channel: 'C0APTEAM' }, new Date(TUESDAY));
    await expect(chooseTeamChannel(rig.stores, rig.who('s-teacher'), 'slack', { channel: 'C0RANDOM' }, new Date(TUESDAY))).rejects.toThrow(/Only the AP lead or the headteacher/);
    expect((await rig.stores.conversations.get(rig.school.id, TEAM_CHANNEL, 'slack'))?.reference).toEqual({ channel: 'C0APTEAM' });
    expect((await channelAudit(rig)).map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ['chooseTeamChannel', 's-head', 'recorded'],
      ['refused:chooseTeamChannel', 's-teacher', 'refused'],
    ]);
  });
});

describe('the morning overview for the team channel', () => {
  it('is not queued until a leader has chosen a channel', async () => {
    const rig = await aRig();
    expect(await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY))).toBe(false);
    expect(await teamEntries(rig)).toEqual([]);
  });

  it('is queued once a school day, never on a weekend', async () => {
    const rig = await aRig();
    await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'slack', { channel: 'C0APTEAM' }, new Date(TUESDAY));
    expect(await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY))).toBe(true);
    expect(await queueTeamOverview(rig.stores, rig.school, new Date('2026-02-10T09:00:00Z'))).toBe(false);
    expect(await queueTeamOverview(rig.stores, rig.school, new Date(SATURDAY))).toBe(false);
    expect((await teamEntries(rig)).map((m) => m.date)).toEqual(['2026-02-10']);
  });

  it('lists what is late or due, a provider check once, and nothing a shared channel must not see', async () => {
    const rig = await aRig();
    await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'teams', { conversation: { id: '19:ap-team@thread.tacv2' } }, new Date(TUESDAY));
    await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY));
    const [overview] = await teamEntries(rig);
    const listed = overview!.items.map((i) => `${i.placementId} ${i.type} ${i.subject ?? ''}`.trim());

    // The Autumn reviews of both pupils are late; the provider's risk assessment is listed once, not per pupil.
    expect(listed).toContain('P-001 placement_review Autumn 2025 second half');
    expect(listed).toContain('P-002 placement_review Autumn 2025 second half');
    expect(listed.filter((l) => l.includes('provider_risk_assessment_renewal'))).toHaveLength(1);
    // The concern's review, the absence, and single attendance sessions stay with the DSL and the officer.
    expect(listed.filter((l) => /safeguarding|absence_follow_up|attendance_confirmation/.test(l))).toEqual([]);
    expect(overview!.items.every((i) => ['due', 'overdue', 'escalated'].includes(i.stage) && i.ownerRole !== 'dsl' && i.escalateToRole !== 'dsl')).toBe(true);
    // Pupils by initials and reference only.
    expect(overview!.items.map((i) => Object.keys(i.pupil).sort())).toEqual(overview!.items.map(() => ['initials', 'ref']));
    expect(overview!.items.every((i) => !i.safeguarding && i.raisedBy !== 'concern')).toBe(true);
    expect(JSON.stringify(overview).replaceAll('"safeguarding":false', '')).not.toMatch(/safeguarding/i);
  });

  it('never says that a concern was logged, whatever its category', async () => {
    const rig = await aNudgeRig([aPlacement({ id: 'P-001', start: '2025-11-03', history: [{ type: 'concern', on: '2026-02-06', category: 'behaviour' }, { type: 'concern', on: '2026-02-06', category: 'health_safety' }] })], TUESDAY);
    await chooseTeamChannel(rig.stores, { school: rig.school, actor: actorFor(rig.school, 's-aplead')! }, 'slack', { channel: 'C0APTEAM' }, new Date(TUESDAY));
    // The concerns' follow-up risk assessments are late by now: still not the team's to see.
    const followUps = (await rig.stores.placements.get(rig.school.id, 'P-001'))!.placement;
    expect(obligationsOf(followUps, TUESDAY, 'pupil_risk_assessment').filter((o) => o.subject?.includes('concern') && o.stage === 'overdue')).toHaveLength(2);
    await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY));
    const [overview] = (await rig.stores.outbox.list(rig.school.id, { staffId: TEAM_CHANNEL })).map((e) => e.message as Extract<NudgeMessage, { kind: 'team_overview' }>);
    expect(overview!.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(overview)).not.toMatch(/concern/i);
  });

  it('waits for a platform that reaches the channel, then is posted there and to nobody else', async () => {
    const rig = await aRig();
    await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'teams', { conversation: { id: '19:ap-team@thread.tacv2' } }, new Date(TUESDAY));
    await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY));

    // The store knows the channel, but no connected platform does yet: keep it, look again in an hour.
    await rig.deliverAt(TUESDAY);
    expect(rig.delivered.filter((d) => d.staffId === TEAM_CHANNEL)).toEqual([]);
    const [waiting] = await rig.stores.outbox.list(rig.school.id, { staffId: TEAM_CHANNEL });
    expect(waiting).toMatchObject({ status: 'failed', nextAttemptAt: new Date('2026-02-10T08:45:00Z') });

    rig.chooseTeamChannel(rig.school.id);
    await rig.deliverAt('2026-02-10T08:45:00Z');
    await rig.deliverAt('2026-02-10T09:45:00Z');
    const posted = rig.delivered.filter((d) => d.message.kind === 'team_overview');
    expect(posted.map((d) => [d.staffId, d.dedupeKey])).toEqual([[TEAM_CHANNEL, 'team|2026-02-10']]);
  });

  it("posts only the day's own overview: one that could not go out that day is kept as dead, not posted late", async () => {
    const rig = await aRig();
    await chooseTeamChannel(rig.stores, rig.who('s-aplead'), 'teams', { conversation: { id: '19:ap-team@thread.tacv2' } }, new Date(TUESDAY));
    await queueTeamOverview(rig.stores, rig.school, new Date(TUESDAY));
    await rig.deliverAt(TUESDAY);
    const WEDNESDAY = '2026-02-11T07:45:00Z';
    await queueTeamOverview(rig.stores, rig.school, new Date(WEDNESDAY));
    rig.chooseTeamChannel(rig.school.id);
    await rig.deliverAt(WEDNESDAY);

    const posted = rig.delivered.filter((d) => d.message.kind === 'team_overview');
    expect(posted.map((d) => d.dedupeKey)).toEqual(['team|2026-02-11']);
    const entries = await rig.stores.outbox.list(rig.school.id, { staffId: TEAM_CHANNEL });
    expect(entries.map((e) => [e.dedupeKey, e.status])).toEqual([
      ['team|2026-02-10', 'dead'],
      ['team|2026-02-11', 'sent'],
    ]);
  });
});
