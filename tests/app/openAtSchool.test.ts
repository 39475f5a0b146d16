import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { decide } from '../../src/app/decide.ts';
import { rememberOpenPlacements } from '../../src/app/openAtSchool.ts';
import { dueFor, openPlacements } from '../../src/app/queries.ts';
import { addDays } from '../../src/core/calendar/localDate.ts';
import { localDateOf } from '../../src/core/calendar/localTime.ts';
import { actorFor } from '../../src/core/decisions/decision.ts';
import { derivedUntil } from '../../src/core/obligations/derivedUntil.ts';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import type { Placement } from '../../src/core/placement/placement.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';

const school = aSchool();
const MONDAY_EARLY = new Date('2026-02-09T06:30:00Z');
const riverside = aPlacement().provider!;
const STAFF = school.config.staff.map((s) => actorFor(school, s.id)!);

/** The same placements read through a store that remembers what is open and through one that does not. */
async function twoReaders() {
  const direct = await openJournalStores();
  const remembering = rememberOpenPlacements(direct);
  let seeded = 0;
  const seed = async (overrides: Record<string, unknown> = {}) => {
    const placement = aPlacement({ id: `P-${String(++seeded).padStart(3, '0')}`, pupil: { ref: `Y9-${1000 + seeded}`, initials: 'AB' }, ...overrides });
    await remembering.placements.create({
      record: { schoolId: school.id, placement, nextDueAt: null },
      idempotencyKey: `seed-${placement.id}`,
      audit: { schoolId: school.id, at: MONDAY_EARLY, actor: 'import', role: null, action: 'import', placementId: placement.id, idempotencyKey: `seed-${placement.id}`, outcome: 'recorded', summary: 'Imported' },
    });
    return placement;
  };
  const decision = (staffId: string, name: string, placementId: string, input: unknown, now: Date) =>
    decide(remembering, { school, actor: actorFor(school, staffId)!, decision: name, placementId, input, idempotencyKey: randomUUID(), now });
  return { direct, remembering, seed, decision };
}

/** A small deterministic random source, so a failing sequence can be replayed from its seed. */
function randomFrom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

const MINUTE = 60_000;
// Small steps land on either side of the cut-offs (10:00 and 14:00) and the end of the day (15:15);
// big ones cross midnight, weekends and half-term.
const STEPS = [1, 7, 29, 45, 61, 3 * 60, 9 * 60, 24 * 60, 3 * 24 * 60, -5, -90].map((m) => m * MINUTE);

describe('what is open at a school, remembered between writes', () => {
  it.each([1, 2, 3, 4])('answers exactly as deriving afresh would, through random writes and clock moves (sequence %i)', async (seed) => {
    const { direct, remembering, seed: place, decision } = await twoReaders();
    const random = randomFrom(seed);
    const placements: Placement[] = [
      await place(),
      await place({ kind: 'part_time_timetable', provider: undefined, timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: ['am'] }, start: '2026-02-02' }),
      await place({ start: '2026-02-10', status: 'proposed' }),
    ];
    let now = MONDAY_EARLY;
    for (let step = 0; step < 120; step++) {
      const roll = random.next();
      const target = random.pick(placements);
      const today = localDateOf(now, school.config.school.timezone);
      if (roll < 0.45) now = new Date(now.getTime() + random.pick(STEPS));
      else if (roll < 0.6) {
        const session = random.pick(['am', 'pm'] as const);
        await decision('s-attendance', 'confirmAttendance', target.id, { date: today, session, mark: random.pick(['present', 'absent_unauthorised']) }, now).catch(() => undefined);
      } else if (roll < 0.7) {
        await decision('s-aplead', 'recordProviderDocument', target.id, { documentType: 'insurance', expires: addDays(today, Math.floor(random.next() * 40)) }, now).catch(() => undefined);
      } else if (roll < 0.75) {
        await decision('s-aplead', 'recordReview', target.id, { attendees: ['pupil'], progress: 'Steady progress', outcome: 'continue' }, now).catch(() => undefined);
      } else if (roll < 0.8) {
        await decision('s-aplead', random.pick(['activatePlacement', 'approvePartTimeTimetable', 'endPlacement']), target.id, { reason: 'reintegrated' }, now).catch(() => undefined);
      } else if (roll < 0.85) {
        await remembering.providers.merge(school.id, { ...riverside, documents: [{ type: 'insurance', expires: addDays(today, Math.floor(random.next() * 20)) }] });
      } else if (roll < 0.9) placements.push(await place({ start: addDays(today, Math.floor(random.next() * 6) - 3) }));
      const [remembered, afresh] = await Promise.all([openPlacements(remembering, school, now), openPlacements(direct, school, now)]);
      expect(remembered, `step ${step} at ${now.toISOString()}`).toEqual(afresh);
      for (const person of STAFF) expect(await dueFor(remembering, school, person, now), `${person.staffId}'s due list at step ${step}`).toEqual(await dueFor(direct, school, person, now));
    }
  });

  it('derives once for many readers while nothing changes, across the minutes before the next cut-off', async () => {
    const { remembering, seed } = await twoReaders();
    await seed();
    let listed = 0;
    const list = remembering.placements.list;
    remembering.placements.list = (...args) => (listed++, list(...args));
    const first = await openPlacements(remembering, school, new Date('2026-02-09T09:01:00Z'));
    const later = await Promise.all([openPlacements(remembering, school, new Date('2026-02-09T09:05:00Z')), openPlacements(remembering, school, new Date('2026-02-09T09:59:00Z'))]);
    expect(listed).toBe(1);
    expect(later).toEqual([first, first]);
    // 10:00 is the morning's cut-off: from then the session is overdue.
    const afterCutoff = await openPlacements(remembering, school, new Date('2026-02-09T10:00:00Z'));
    expect(listed).toBe(2);
    const stageOfMorning = (open: typeof first) => open[0]!.obligations.find((o) => o.subject === '2026-02-09 am')?.stage;
    expect([stageOfMorning(first), stageOfMorning(afterCutoff)]).toEqual(['due', 'overdue']);
  });

  it('shows a decision at once to the next person who asks', async () => {
    const { remembering, seed, decision } = await twoReaders();
    await seed();
    const now = new Date('2026-02-09T09:30:00Z');
    const officer = actorFor(school, 's-attendance')!;
    const before = await dueFor(remembering, school, officer, now);
    expect(before.map((d) => d.obligation.subject)).toContain('2026-02-09 am');
    await decision('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'present' }, now);
    const after = await dueFor(remembering, school, officer, now);
    expect(after.map((d) => d.obligation.subject)).not.toContain('2026-02-09 am');
  });

  it('shows a provider record renewed and a new placement at once', async () => {
    const { remembering, seed } = await twoReaders();
    await seed();
    const now = new Date('2026-02-09T09:30:00Z');
    expect((await openPlacements(remembering, school, now)).map((p) => p.placement.id)).toEqual(['P-001']);
    await seed({ pupil: { ref: 'Y7-0001', initials: 'CD' } });
    expect((await openPlacements(remembering, school, now)).map((p) => p.placement.id)).toEqual(['P-001', 'P-002']);
    await remembering.providers.merge(school.id, { ...riverside, name: 'Riverside Farm (renamed)' });
    expect((await openPlacements(remembering, school, now))[0]!.placement.provider?.name).toBe('Riverside Farm (renamed)');
  });

  it('cannot be changed by whoever reads it', async () => {
    const { remembering, seed } = await twoReaders();
    await seed();
    const officer = actorFor(school, 's-attendance')!;
    const due = await dueFor(remembering, school, officer, new Date('2026-02-09T09:30:00Z'));
    expect(() => Object.assign(due[0]!, { involvement: 'escalated' })).toThrow(TypeError);
    due.pop();
    expect(await dueFor(remembering, school, officer, new Date('2026-02-09T09:30:00Z'))).toHaveLength(due.length + 1);
    const open = await openPlacements(remembering, school, new Date('2026-02-09T09:30:00Z'));
    expect(() => (open as unknown[]).push({})).toThrow(TypeError);
    expect(() => (open[0]!.obligations as unknown[]).pop()).toThrow(TypeError);
    expect(() => Object.assign(open[0]!.obligations[0]!, { stage: 'scheduled' })).toThrow(TypeError);
    expect(() => Object.assign(open[0]!.placement, { status: 'ended' })).toThrow(TypeError);
  });
});

describe('how long a derivation holds', () => {
  const placement = aPlacement();
  it.each(['2026-02-09T06:30:00Z', '2026-02-09T09:59:00Z', '2026-02-09T12:00:00Z', '2026-02-09T15:00:00Z', '2026-02-09T20:00:00Z', '2026-02-14T11:00:00Z', '2026-03-29T00:30:00Z'])(
    'gives the same obligations at every minute from %s until it ends, and different ones at its end or not at all',
    (at) => {
      const now = new Date(at);
      const until = derivedUntil(deriveObligations(placement, school, now), school, now);
      expect(until.getTime()).toBeGreaterThan(now.getTime());
      const then = deriveObligations(placement, school, now);
      for (let t = now.getTime(); t < until.getTime(); t += MINUTE) expect(deriveObligations(placement, school, new Date(t)), new Date(t).toISOString()).toEqual(then);
      // Never later than the next midnight in the school's own time.
      expect(localDateOf(until, school.config.school.timezone) <= addDays(localDateOf(now, school.config.school.timezone), 1)).toBe(true);
    },
  );

  it('ends at the morning cut-off while the morning is still to confirm, and at the end of the school day after it', () => {
    const until = (at: string) => derivedUntil(deriveObligations(placement, school, new Date(at)), school, new Date(at)).toISOString();
    expect(until('2026-02-09T09:00:00Z')).toBe('2026-02-09T10:00:00.000Z');
    expect(until('2026-02-09T14:30:00Z')).toBe('2026-02-09T15:15:00.000Z');
    expect(until('2026-02-09T16:00:00Z')).toBe('2026-02-10T00:00:00.000Z');
  });
});
