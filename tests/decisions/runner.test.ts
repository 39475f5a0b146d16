import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { A_QA_VISIT, aDecisionDesk } from '../fixtures/decisionDesk.ts';

const review = { attendees: ['pupil'], progress: 'Steady progress', outcome: 'continue', nextReviewOn: '2026-03-16' };

describe('every decision is recorded once, from the state it was made on', () => {
  it('records a repeat of the same key (a double click) once, with one audit entry', async () => {
    const desk = await aDecisionDesk([{}]);
    const first = await desk.run('s-aplead', 'recordReview', 'P-001', review, { key: 'card-1:s-aplead' });
    const again = await desk.run('s-aplead', 'recordReview', 'P-001', review, { key: 'card-1:s-aplead' });
    expect([first.replayed, again.replayed]).toEqual([false, true]);
    expect((await desk.placement()).history.filter((e) => e.type === 'review')).toHaveLength(1);
    expect(await desk.auditOf()).toHaveLength(1);
  });

  it('gives a repeat the time it was first recorded, for a decision and for an attendance mark', async () => {
    const desk = await aDecisionDesk([{}]);
    const first = await desk.run('s-aplead', 'recordReview', 'P-001', review, { key: 'card-2:s-aplead', at: '2026-02-09T09:00:00Z' });
    const again = await desk.run('s-aplead', 'recordReview', 'P-001', review, { key: 'card-2:s-aplead', at: '2026-02-09T09:07:00Z' });
    expect([first.at, again.at]).toEqual([new Date('2026-02-09T09:00:00Z'), new Date('2026-02-09T09:00:00Z')]);

    const mark = { date: '2026-02-09', session: 'am', mark: 'present' };
    const marked = await desk.run('s-attendance', 'confirmAttendance', 'P-001', mark, { at: '2026-02-09T09:30:00Z' });
    const markedAgain = await desk.run('s-attendance', 'confirmAttendance', 'P-001', mark, { at: '2026-02-09T10:15:00Z' });
    expect([marked.replayed, markedAgain.replayed]).toEqual([false, true]);
    expect([marked.at, markedAgain.at]).toEqual([new Date('2026-02-09T09:30:00Z'), new Date('2026-02-09T09:30:00Z')]);
  });

  it('records a repeated create once', async () => {
    const desk = await aDecisionDesk();
    const input = { kind: 'on_site_ap', pupil: { ref: 'Y7-0001', initials: 'AB' }, start: '2026-03-02' };
    const first = await desk.run('s-aplead', 'commissionPlacement', undefined, input, { key: 'new-1' });
    const again = await desk.run('s-aplead', 'commissionPlacement', undefined, input, { key: 'new-1' });
    expect(again.record.placement.id).toBe(first.record.placement.id);
    expect(await desk.stores.placements.list(desk.school.id)).toHaveLength(1);
  });

  it('says a card is out of date when the placement moved on since it was sent', async () => {
    const desk = await aDecisionDesk([{}]);
    await desk.run('s-aplead', 'recordQaVisit', 'P-001', A_QA_VISIT);
    const stale = desk.run('s-aplead', 'recordReview', 'P-001', review, { expectedVersion: 0 });
    await expect(stale).rejects.toThrow(/updated this placement since this card was sent/);
    await expect(stale).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.isUserError && e.code === 'conflict');
    expect((await desk.placement()).version).toBe(1);
  });

  it('records twenty decisions made at once by different people, all of them, in some order', async () => {
    const desk = await aDecisionDesk([{}]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => desk.run(i % 2 ? 's-aplead' : 's-head', 'recordQaVisit', 'P-001', { ...A_QA_VISIT, seen: `visit ${i}` }, { key: `k-${i}` })));
    const placement = await desk.placement();
    expect(placement.version).toBe(20);
    expect(placement.history.filter((e) => e.type === 'qa_visit').map((e) => e.key).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k-${i}`).sort());
    expect(await desk.auditOf()).toHaveLength(20);
  });

  it('records twenty copies of one decision arriving at once exactly once', async () => {
    const desk = await aDecisionDesk([{}]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => desk.run('s-aplead', 'recordQaVisit', 'P-001', A_QA_VISIT, { key: 'same' })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect((await desk.placement()).history.filter((e) => e.type === 'qa_visit')).toHaveLength(1);
    expect(await desk.auditOf()).toHaveLength(1);
  });
});

describe('bad requests change nothing', () => {
  it.each([
    { what: 'an unknown field', input: { ...review, mood: 'cheerful' }, message: /Unrecognized key: "mood"|mood/ },
    { what: 'a missing field', input: { attendees: ['pupil'], outcome: 'continue' }, message: /progress/ },
    { what: 'a wrong type', input: { ...review, attendees: 'pupil' }, message: /attendees/ },
    { what: 'an impossible date', input: { ...review, on: '2026-02-30' }, message: /on: is not a date/ },
    { what: 'a date outside the calendar', input: { ...review, on: '2024-02-05' }, message: /outside the school calendar/ },
  ])('$what', async ({ input, message }) => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-aplead', 'recordReview', 'P-001', input)).rejects.toThrow(message);
    expect((await desk.placement()).version).toBe(0);
    expect(await desk.auditOf()).toEqual([]);
  });

  it('an unknown decision, an unknown placement, or a create given a placement', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-aplead', 'deletePlacement', 'P-001', {})).rejects.toThrow(/no decision called "deletePlacement"/);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-404', A_QA_VISIT)).rejects.toThrow(/That placement is no longer here/);
    await expect(desk.run('s-aplead', 'recordQaVisit', undefined, A_QA_VISIT)).rejects.toThrow(/which placement/);
    await expect(desk.run('s-aplead', 'commissionPlacement', 'P-001', {})).rejects.toThrow(/creates a new placement/);
    expect(await desk.auditOf()).toEqual([]);
  });
});
