import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import { obligationKey } from '../../src/core/obligations/obligationKey.ts';
import { approvalRequest } from '../../src/views/approvalRequest.ts';
import { actionsOfCard, type CardView } from '../../src/views/card.ts';
import { concernAlert } from '../../src/views/concernAlert.ts';
import { digest } from '../../src/views/digest.ts';
import { placementList } from '../../src/views/placementList.ts';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import { placementSummary } from '../../src/views/placementSummary.ts';
import { reminder } from '../../src/views/reminder.ts';
import { VIEW_VERBS } from '../../src/views/registry.ts';
import { dueWhen } from '../../src/views/when.ts';
import { done } from '../../src/views/done.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { cardSchool, cardViews, CONCERN_DETAILS, concernOf, farmPlacement, manyDue, NOW, obligationOf, pttPlacement, viewers } from '../cards/cardViews.ts';

const school = cardSchool();

const actionsOf = actionsOfCard;

describe('dates on cards', () => {
  it('counts school days, skipping the weekend and the INSET day', () => {
    // Tue 10 Feb 2026; Fri 13 Feb is INSET, half-term follows.
    expect(dueWhen('2026-02-12', school, NOW)).toBe('Thu 12 Feb (in 2 school days)');
    expect(dueWhen('2026-02-10', school, NOW)).toBe('Tue 10 Feb (today)');
    expect(dueWhen('2026-02-05', school, NOW)).toBe('Thu 5 Feb (3 school days late)');
    expect(dueWhen('2026-02-23', school, NOW)).toBe('Mon 23 Feb (in 3 school days)');
  });

  it('says the time of a duty due at a time of its day, and none for one due by the end of the school day', () => {
    expect(dueWhen('2026-02-10', school, NOW, new Date('2026-02-10T10:00:00Z'))).toBe('Tue 10 Feb (today by 10:00)');
    expect(dueWhen('2026-02-12', school, NOW, '2026-02-12T14:00:00Z')).toBe('Thu 12 Feb by 14:00 (in 2 school days)');
    expect(dueWhen('2026-02-10', school, NOW, new Date('2026-02-10T15:15:00Z'))).toBe('Tue 10 Feb (today)');
  });
});

describe('reminder', () => {
  it('warns at once that suspension provision is planned after the sixth school day', () => {
    // Suspended from Mon 2 Mar for ten school days: the sixth is Mon 9 Mar; provision planned for Wed 11 Mar.
    const suspended = aPlacement({ kind: 'suspension_provision', provider: undefined, start: '2026-03-11', suspensions: [{ firstDay: '2026-03-02', schoolDays: 10 }] });
    const at = new Date('2026-03-02T09:00:00Z');
    const duty = deriveObligations(suspended, school, at).find((o) => o.type === 'suspension_provision_start');
    if (!duty) throw new Error('no provision duty');
    const view = reminder(suspended, duty, school, at, viewers.head);
    expect(view.facts).toContainEqual({ title: 'Warning', value: 'Planned start Wed 11 Mar is after the sixth school day, Mon 9 Mar' });
    expect(view.stage).toBe('upcoming');
  });

  it('offers an attendance snooze only until the end of that school day, when it escalates', () => {
    const placement = farmPlacement();
    const session = obligationOf(placement, school, (o) => o.type === 'attendance_confirmation' && o.stage !== 'escalated');
    const snooze = reminder(placement, session, school, NOW, viewers.attendance).actions.find((a) => a.verb === 'snoozeNudge');
    const until = snooze?.fields.find((f) => f.id === 'until');
    expect(until?.kind).toBe('choice');
    expect(until?.options.at(-1)).toEqual({ value: `${session.dueDate}T15:15`, title: '15:15' });
  });

  it('offers the review form, a snooze for this obligation and a reassign to the other AP lead', () => {
    const placement = farmPlacement();
    const o = obligationOf(placement, school, (x) => x.type === 'placement_review');
    const view = reminder(placement, o, school, NOW, viewers.apLead);
    expect(view.actions.map((a) => a.verb)).toEqual(['openReviewForm', 'snoozeNudge', 'reassignOwner']);
    const snooze = view.actions[1];
    expect(snooze?.payload.input).toEqual({ obligation: obligationKey(o) });
    expect(snooze?.fields.map((f) => f.id)).toEqual(['until', 'reason']);
    expect(view.actions.every((a) => a.payload.placementId === 'P-001' && a.payload.version === 7)).toBe(true);
  });

  it('asks for attendance session by session, one button per mark', () => {
    const placement = farmPlacement();
    const o = obligationOf(placement, school, (x) => x.subject === '2026-02-10 am');
    const marks = reminder(placement, o, school, NOW, viewers.attendance).actions.filter((a) => a.verb === 'confirmAttendance');
    expect(marks.map((a) => a.payload.input)).toEqual(
      ['present', 'late', 'absent_authorised', 'absent_unauthorised'].map((mark) => ({ date: '2026-02-10', session: 'am', mark })),
    );
    expect(new Set(marks.map((a) => a.payload.actionId)).size).toBe(4);
  });

  it('offers no snooze once escalated, and nothing the viewer may not do', () => {
    const placement = farmPlacement();
    const escalated = obligationOf(placement, school, (x) => x.stage === 'escalated' && x.type === 'attendance_confirmation');
    expect(reminder(placement, escalated, school, NOW, viewers.attendance).actions.map((a) => a.verb)).not.toContain('snoozeNudge');
    const review = obligationOf(placement, school, (x) => x.type === 'placement_review');
    expect(reminder(placement, review, school, NOW, viewers.teacher).actions).toEqual([]);
  });
});

describe('every action fits the decision it routes to', () => {
  const views = Object.values(cardViews());
  it('uses a decision name or a documented view verb', () => {
    const known = new Set<string>([...DECISIONS.keys(), ...VIEW_VERBS]);
    for (const view of views) for (const a of actionsOf(view)) expect(known).toContain(a.verb);
  });

  it('sends only fields the decision input accepts, and all it requires', () => {
    for (const view of views)
      for (const a of actionsOf(view)) {
        const decision = DECISIONS.get(a.verb);
        if (!decision) continue;
        const shape = (decision.input as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
        // A path (`pupil.ref`) is a field of the input's first part.
        const sent = [...new Set([...Object.keys(a.payload.input), ...a.fields.map((f) => f.id.split('.')[0] as string)])];
        for (const key of sent) expect(Object.keys(shape), `${a.verb}.${key}`).toContain(key);
        for (const [key, schema] of Object.entries(shape))
          if (!schema.safeParse(undefined).success) expect(sent, `${a.verb} needs ${key}`).toContain(key);
      }
  });

  it('gives each form exactly the decision input fields', () => {
    const { reviewForm, concernForm, endPlacementForm } = cardViews();
    for (const form of [reviewForm, concernForm, endPlacementForm]) {
      const decision = DECISIONS.get(form.submit.verb);
      const shape = (decision?.input as unknown as { shape: Record<string, unknown> }).shape;
      expect(form.fields.map((f) => f.id).sort()).toEqual(Object.keys(shape).sort());
    }
  });

  it('names every action uniquely within its card', () => {
    for (const view of views) {
      const ids = actionsOf(view).map((a) => a.payload.actionId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('digest', () => {
  it('shows ten, then offers the next ten', () => {
    const due = manyDue(school, 6);
    const first = digest(due, school, NOW, viewers.attendance);
    expect(first.items).toHaveLength(10);
    expect(first.more?.title).toBe('Show 10 more');
    expect(first.more?.payload.input).toEqual({ list: 'digest', offset: 10 });
    const last = digest(due, school, NOW, viewers.attendance, Math.floor((due.length - 1) / 10) * 10);
    expect(last.more).toBeNull();
    expect(last.shown).toBe(`Showing ${last.items.length === 10 ? due.length - 9 : due.length - last.items.length + 1} to ${due.length} of ${due.length}`);
  });

  it("is one session's attendance at its cut-off, paged with the session in its button", () => {
    const sessions = manyDue(school, 14).filter(({ obligation: o }) => o.type === 'attendance_confirmation' && o.subject === '2026-02-10 am');
    expect(sessions).toHaveLength(14);
    const view = digest(sessions, school, NOW, viewers.attendance, 0, { date: '2026-02-10', session: 'am' });
    expect(view.title).toBe('Attendance to confirm: Tue 10 Feb, morning');
    expect(view.intro).toContain('14 to confirm');
    expect(view.items[0]?.actions.filter((a) => a.verb === 'confirmAttendance').map((a) => a.payload.input['mark'])).toEqual(['present', 'late', 'absent_authorised', 'absent_unauthorised']);
    expect(view.more?.payload.input).toEqual({ list: 'attendance', date: '2026-02-10', session: 'am', offset: 10 });
  });

  it('starts again from the first page for an offset that is not a page of the list', () => {
    const due = manyDue(school, 2);
    for (const offset of [-10, 3.5, due.length, '10', Number.NaN]) expect(digest(due, school, NOW, viewers.attendance, offset).shown).toBe(`Showing 1 to 10 of ${due.length}`);
  });
});

describe('placement summary', () => {
  it('pages what is due ten at a time, each open item shown once, with its own reminder button', () => {
    const farm = farmPlacement();
    const open = deriveObligations(farm, school, NOW).filter((o) => o.stage !== 'scheduled');
    expect(open.length).toBeGreaterThan(20);
    const seen: unknown[] = [];
    let view = placementSummary(farm, school, NOW, viewers.apLead);
    for (;;) {
      seen.push(...view.due.map((d) => d.action?.payload.input['obligation']));
      if (!view.dueMore) break;
      expect(view.dueMore.verb).toBe('showPlacement');
      view = placementSummary(farm, school, NOW, viewers.apLead, view.dueMore.payload.input['offset']);
    }
    expect(seen).toEqual(open.map(obligationKey));
    expect(view.dueShown).toBe(`Showing ${Math.floor((open.length - 1) / 10) * 10 + 1} to ${open.length} of ${open.length}`);
  });
});

describe('list of open placements', () => {
  const open = (n: number) =>
    Array.from({ length: n }, (_, i) => farmPlacement({ id: `P-${300 + i}`, pupil: { ref: `Y7-${3000 + i}`, initials: 'RB' } })).map((placement) => ({ placement, obligations: deriveObligations(placement, school, NOW) }));

  it('pages twenty at a time until every placement has been shown once', () => {
    const all = open(45);
    const seen: string[] = [];
    let view = placementList(all, viewers.head);
    for (;;) {
      seen.push(...view.items.map((i) => i.text));
      if (!view.more) break;
      expect(view.more.verb).toBe('showMore');
      view = placementList(all, viewers.head, view.more.payload.input['offset']);
    }
    expect(seen).toEqual(all.map(({ placement }) => `RB · ${placement.pupil.ref}`));
    expect(view.shown).toBe('Showing 41 to 45 of 45');
  });

  it('says how much is open and late on each, with a button to its summary', () => {
    const [item] = placementList(open(1), viewers.head).items;
    const obligations = deriveObligations(farmPlacement({ id: 'P-300' }), school, NOW);
    const late = obligations.filter((o) => o.stage === 'overdue' || o.stage === 'escalated').length;
    expect(item?.detail).toBe(`Off-site alternative provision · Active · ${obligations.filter((o) => o.stage !== 'scheduled').length} open, ${late} late`);
    expect(item?.late).toBe(late > 0);
    expect(item?.open.payload).toMatchObject({ placementId: 'P-300', actionId: 'showPlacement:P-300' });
  });

  it('says so when there are none', () => {
    const view = placementList([], viewers.head);
    expect([view.title, view.items, view.shown, view.more]).toEqual(['There are no open placements', [], '', null]);
  });
});

describe('personal data', () => {
  const placement = farmPlacement();
  const json = (view: CardView) => JSON.stringify(view);

  it('never puts what a concern said on a channel card', () => {
    const review = obligationOf(placement, school, (o) => o.type === 'placement_review');
    for (const view of [
      reminder(placement, review, school, NOW, viewers.apLead),
      digest(manyDue(school, 2), school, NOW, viewers.apLead),
      placementSummary(placement, school, NOW, viewers.apLead),
      placementSummary(placement, school, NOW, viewers.head),
      cardViews().done,
    ])
      expect(json(view)).not.toContain(CONCERN_DETAILS);
  });

  it('tells everyone but the DSL only that a concern of that kind was logged', () => {
    const summary = placementSummary(placement, school, NOW, viewers.apLead);
    expect(summary.recent[0]?.text).toBe('Safeguarding concern logged');
    expect(placementSummary(placement, school, NOW, viewers.dsl).recent[0]?.text).toContain(CONCERN_DETAILS);
  });

  it('gives the DSL the full concern, and nobody else', () => {
    expect(concernAlert(placement, concernOf(placement), school, NOW, viewers.dsl).details).toBe(CONCERN_DETAILS);
    expect(() => concernAlert(placement, concernOf(placement), school, NOW, viewers.apLead)).toThrow(/safeguarding leads/);
  });

  it('names pupils by initials and reference only', () => {
    for (const view of Object.values(cardViews())) if ('pupil' in view && view.pupil) expect(view.pupil.label).toMatch(/^[A-Z]{1,4} · [A-Za-z0-9-]+$/);
  });
});

describe('approval request', () => {
  it('shows who proposed and approved, and that the headteacher completes it', () => {
    const view = approvalRequest(pttPlacement(), school, NOW, viewers.head);
    expect(view.facts).toContainEqual({ title: 'Proposed by', value: 'Miss L Evans' });
    expect(view.facts).toContainEqual({ title: 'Approved by', value: 'Ms R Okafor (AP lead)' });
    expect(view.facts).toContainEqual({ title: 'Sessions', value: 'Mon all day, Tue morning, Wed morning, Fri afternoon (5 of 10 sessions)' });
    expect(view.stillNeeded).toBe('Your approval completes it.');
    expect(view.actions.map((a) => a.verb)).toEqual(['approvePartTimeTimetable', 'declinePartTimeTimetable']);
  });

  it('counts an imported second approval by the same person once, and still asks for the headteacher', () => {
    const placement = pttPlacement();
    const imported = { ...placement, history: [...placement.history, { type: 'approval' as const, role: 'headteacher' as const, on: '2026-02-07', by: 's-aplead' }] };
    const view = approvalRequest(imported, school, NOW, viewers.head);
    expect(view.facts.filter((f) => f.title === 'Approved by')).toEqual([{ title: 'Approved by', value: 'Ms R Okafor (AP lead)' }]);
    expect(view.stillNeeded).toBe('Your approval completes it.');
  });

  it('offers nothing to the AP lead who already approved', () => {
    const view = approvalRequest(pttPlacement(), school, NOW, viewers.apLead);
    expect(view.actions).toEqual([]);
    expect(view.stillNeeded).toBe('Still needs the headteacher.');
  });
});

describe('done card', () => {
  const at = NOW.toISOString();
  const recorded = (event: Record<string, unknown>, decision: Parameters<typeof done>[0], mark?: Parameters<typeof done>[6]) =>
    done(decision, farmPlacement({ history: [...farmPlacement().history, { ...event, by: 's-aplead', on: '2026-02-10', at, key: 'k' }] as never }), 's-aplead', NOW, school, false, mark).recorded;

  it('says what the review decided, and when the next one is', () => {
    expect(recorded({ type: 'review', outcome: 'plan_reintegration', nextReviewOn: '2026-03-03' }, 'recordReview')).toBe('What happens next: plan the return to school; next review Tue 3 Mar');
  });

  it('says how long a snooze lasts and why', () => {
    expect(recorded({ type: 'snooze', obligation: 'qa_visit', until: '2026-02-12', untilAt: '2026-02-12T08:00:00.000Z', reason: 'Provider closed for a training day' }, 'snoozeNudge')).toBe(
      'Quiet until Thu 12 Feb, 08:00, because: Provider closed for a training day',
    );
  });

  it('says which session was marked, and how', () => {
    expect(recorded({ type: 'qa_visit' }, 'confirmAttendance', { date: '2026-02-10', session: 'am', mark: 'absent_unauthorised' })).toBe('Tue 10 Feb, morning: Absent (unexplained)');
  });

  it('never repeats what a concern said', () => {
    expect(recorded({ type: 'concern', category: 'safeguarding', details: CONCERN_DETAILS }, 'logConcern')).toBe('');
  });
});
