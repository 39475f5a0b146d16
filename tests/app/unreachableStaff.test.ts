import { describe, expect, it } from 'vitest';
import { unreachableStaffFor } from '../../src/app/staffReach.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { aNudgeRig } from '../fixtures/nudgeRig.ts';

describe('who the bot cannot reach yet', () => {
  const asStaff = async (staffId: string) => {
    const rig = await aNudgeRig([], '2026-02-10T11:00:00Z');
    const staff = rig.school.config.staff.find((s) => s.id === staffId)!;
    return { rig, who: { school: rig.school, staff, actor: actorFor(rig.school, staffId)! } };
  };

  it('is listed by name for the AP lead (nobody has opened the app on Teams yet), leaving out someone once their chat is saved', async () => {
    const { rig, who } = await asStaff('s-aplead');
    const everyone = await unreachableStaffFor(who, rig.stores.conversations, { teams: true, slack: false });
    expect(everyone).toEqual(rig.school.config.staff.map((s) => s.name));
    expect(everyone.length).toBeGreaterThan(0);
    const [first] = rig.school.config.staff;
    await rig.stores.conversations.save(rig.school.id, first!.id, 'teams', { conversation: { id: 'a:1' } } as never, new Date('2026-02-10T11:00:00Z'));
    expect(await unreachableStaffFor(who, rig.stores.conversations, { teams: true, slack: false })).not.toContain(first!.name);
  });

  it('is shown to the headteacher too, and to nobody else', async () => {
    const head = await asStaff('s-head');
    expect(await unreachableStaffFor(head.who, head.rig.stores.conversations, { teams: true, slack: false })).not.toEqual([]);
    const officer = await asStaff('s-attendance');
    expect(await unreachableStaffFor(officer.who, officer.rig.stores.conversations, { teams: true, slack: false })).toEqual([]);
  });
});
