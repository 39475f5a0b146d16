import { describe, expect, it } from 'vitest';
import { actionOnCards, fieldsFor } from '../../src/app/guards.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import { reminderActions } from '../../src/views/reminderActions.ts';
import { aSchool } from '../fixtures/school.ts';
import { aPlacement } from '../fixtures/placements.ts';

// A headteacher may snooze any reminder: an attendance check's snooze asks for a time that day,
// a placement review's for a later school day. What comes back is read by the button pressed.
describe('the button a press came from', () => {
  const school = aSchool();
  const placement = aPlacement({ id: 'P-001' });
  const now = new Date('2026-02-10T11:00:00Z');
  const actor = actorFor(school, school.config.staff.find((s) => s.roles.includes('headteacher'))!.id)!;
  const who = { school, actor, staff: school.config.staff.find((s) => s.id === actor.staffId)! };
  const snoozes = deriveObligations(placement, school, now)
    .flatMap((o) => reminderActions(o, placement, school, actor, now))
    .filter((a) => a.verb === 'snoozeNudge');
  const untilKind = (fields: { id: string; kind: string }[]) => fields.filter((f) => f.id === 'until').map((f) => f.kind);

  it('is found again by its id, and its own fields are the ones read', () => {
    const kinds = new Set(snoozes.map((a) => untilKind(a.fields)[0]));
    expect(kinds).toEqual(new Set(['choice', 'date']));
    for (const snooze of snoozes) {
      expect(actionOnCards(placement, who, now, { verb: 'snoozeNudge', actionId: snooze.payload.actionId, input: snooze.payload.input })).toEqual(snooze);
      expect(untilKind(fieldsFor('snoozeNudge', placement, who, now, { actionId: snooze.payload.actionId, input: snooze.payload.input }))).toEqual(untilKind(snooze.fields));
    }
  });

  it('drawn before its id was what it is now, is found by what it fixes', () => {
    for (const snooze of snoozes)
      expect(untilKind(fieldsFor('snoozeNudge', placement, who, now, { actionId: 'an-old-card', input: snooze.payload.input }))).toEqual(untilKind(snooze.fields));
  });

  it('that no card offers now is read by every button of its kind', () => {
    expect(untilKind(fieldsFor('snoozeNudge', placement, who, now, { actionId: 'gone', input: { obligation: 'no-such-duty' } }))).toEqual(snoozes.flatMap((a) => untilKind(a.fields)));
  });
});
