import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTeamsBot, actionsOf, cardOf, inputIdsOf, isolateNetwork, refreshOf, resetNetwork, textOf, type TeamsBot } from './teamsHarness.ts';

const PTT = { id: 'P-002', kind: 'part_time_timetable', status: 'proposed', pupil: { ref: 'Y8-0101', initials: 'AB' }, start: '2026-02-16', end: '2026-03-13', provider: undefined, reason: 'Anxiety after a bereavement', proposedBy: 's-teacher', timetable: { mon: ['am'], tue: ['am'] } };

/** What the review form sends back: the form's payload and its inputs, named `recordReview.<field>`. */
const aReviewSubmit = (typed: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => ({
  actionId: 'recordReview:P-001',
  placementId: 'P-001',
  version: 0,
  input: {},
  'recordReview.on': '2026-02-09',
  'recordReview.attendees': 'pupil,parents,provider',
  'recordReview.progress': 'Attending every session; maths improving',
  'recordReview.outcome': 'continue',
  'recordReview.nextReviewOn': '2026-03-16',
  ...typed,
  ...payload,
});

let bot: TeamsBot;
beforeEach(async () => {
  isolateNetwork();
  bot = await aTeamsBot({ placements: [{}, PTT] });
});
afterEach(async () => {
  await bot.close();
  resetNetwork();
});

describe('decisions from card buttons (Action.Execute)', () => {
  it('records a review from the form and answers with the done card, once however often it is pressed', async () => {
    const first = await bot.press('recordReview', aReviewSubmit());
    expect(first?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(first?.value)).toContain('JS · Y9-0412');
    expect(textOf(first?.value)).toContain('✅ Ms R Okafor recorded the review');
    expect(actionsOf(first?.value)).toEqual([]);
    expect(textOf(first?.value)).not.toContain('Already recorded');
    const again = await bot.press('recordReview', aReviewSubmit());
    expect(textOf(again?.value)).toContain('Already recorded, Mon 9 Feb, 09:00. Nothing new was saved.');
    expect(textOf(again?.value)).toContain('recorded the review');
    expect((await bot.placement()).history.filter((e) => e.type === 'review')).toHaveLength(1);
    expect((await bot.auditOf()).map((e) => e.action)).toEqual(['recordReview']);
  });

  it('splits the attendees picked into a list, and leaves an empty date out', async () => {
    await bot.press('recordReview', aReviewSubmit({ 'recordReview.on': '' }));
    const review = (await bot.placement()).history.find((e) => e.type === 'review');
    expect(review).toMatchObject({ attendees: ['pupil', 'parents', 'provider'], progress: 'Attending every session; maths improving', on: '2026-02-09' });
    expect(review).not.toHaveProperty('on', '');
  });

  it('records a second review from a later form, not mistaking it for the first pressed again', async () => {
    await bot.press('recordReview', aReviewSubmit());
    const second = await bot.press('recordReview', aReviewSubmit({ 'recordReview.progress': 'Still going well' }, { version: 1 }));
    expect(textOf(second?.value)).toContain('recorded the review');
    expect((await bot.placement()).history.filter((e) => e.type === 'review')).toHaveLength(2);
  });

  it('gives the review form back with the problem and what was typed when the input is wrong', async () => {
    const response = await bot.press('recordReview', aReviewSubmit({ 'recordReview.attendees': '', 'recordReview.progress': 'Going well' }));
    expect(response?.statusCode).toBe(200);
    expect(textOf(response?.value)).toContain('Record the review');
    expect(textOf(response?.value)).toMatch(/⚠️[\s\S]*Who took part/);
    expect(JSON.stringify(response?.value)).toContain('Going well');
    expect(inputIdsOf(response?.value)).toContain('recordReview.attendees');
    expect((await bot.placement()).version).toBe(0);
  });

  it('names each field of an empty QA visit by its label on the card, never by its input key', async () => {
    const response = await bot.press('recordQaVisit', { actionId: 'recordQaVisit:P-001:qa_visit', placementId: 'P-001', version: 0, input: {}, 'recordQaVisit.on': '' });
    expect(response?.statusCode).toBe(200);
    const text = textOf(response?.value);
    expect(text).toContain('Visited on: give the date of the visit');
    expect(text).toContain('Who visited: say who visited');
    expect(text).not.toMatch(/(^|⚠️ )(on|visitedBy|checked|outcome|actions): /m);
    expect((await bot.placement()).version).toBe(0);
  });

  it('gives the new-placement form back filled in as typed, with the problem on top', async () => {
    const response = await bot.press('commissionPlacement', {
      actionId: 'commissionPlacement:card-9',
      placementId: null,
      version: null,
      input: {},
      'commissionPlacement.kind': 'on_site_ap',
      'commissionPlacement.pupil.ref': 'Y10-0007',
      'commissionPlacement.pupil.initials': 'k1',
      'commissionPlacement.pupil.flags': 'lookedAfter',
      'commissionPlacement.start': '2026-03-02',
      'commissionPlacement.objectives': 'Attend every session',
    });
    expect(textOf(response?.value)).toContain('New placement');
    expect(textOf(response?.value)).toMatch(/⚠️[\s\S]*initials/);
    const inputs = JSON.stringify(response?.value);
    for (const typed of ['"value":"Y10-0007"', '"value":"k1"', '"value":"lookedAfter"', '"value":"2026-03-02"', '"value":"Attend every session"', '"value":"on_site_ap"']) expect(inputs).toContain(typed);
    expect(await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y10-0007' })).toEqual([]);
  });

  it('answers an out-of-date button on the due list for its own item, naming the pupil, and leaves the list as it is', async () => {
    const [list] = await bot.say('due');
    const quick = actionsOf(cardOf(list)).find((a) => a.verb !== 'showReminder' && a.verb !== 'showMore' && (a.data as { item?: string }).item !== undefined);
    if (!quick) throw new Error('no one-press button on the due list');
    await bot.press('recordReview', aReviewSubmit());
    const response = await bot.press(quick.verb, quick.data as Record<string, unknown>);
    expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(response?.value)).toContain('JS · Y9-0412: Someone else has updated this placement');
    expect(textOf(cardOf(bot.sent.at(-1)?.body))).toContain('Someone else has updated this placement');
  });

  it('shows how the placement stands now when the card is stale', async () => {
    await bot.press('recordReview', aReviewSubmit());
    const stale = await bot.press('logConcern', { actionId: 'logConcern:P-001', placementId: 'P-001', version: 0, input: {}, 'logConcern.category': 'behaviour', 'logConcern.details': 'Left the site without permission at lunch' });
    expect(textOf(stale?.value)).toContain('Someone else has updated this placement since this card was sent');
    expect(textOf(stale?.value)).toContain('JS · Y9-0412: Off-site alternative provision');
    expect(textOf(stale?.value)).toContain('Review held');
    expect((await bot.placement()).history.some((e) => e.type === 'concern')).toBe(false);
  });

  it('logs a concern, and the done card says only that one was logged', async () => {
    const done = await bot.press(
      'logConcern',
      { actionId: 'logConcern:P-001', placementId: 'P-001', version: 0, input: {}, 'logConcern.category': 'safeguarding', 'logConcern.details': 'Disclosed something worrying to the provider', 'logConcern.on': '' },
      'teacher',
    );
    expect(textOf(done?.value)).toContain('Miss L Evans logged a concern; the DSLs have it');
    expect(JSON.stringify(done?.value)).not.toContain('worrying');
  });

  it('ends a placement', async () => {
    const done = await bot.press('endPlacement', { actionId: 'endPlacement:P-001', placementId: 'P-001', version: 0, input: {}, 'endPlacement.reason': 'planned_end', 'endPlacement.on': '', 'endPlacement.destination': 'Back to mainstream timetable' });
    expect(textOf(done?.value)).toContain('Ms R Okafor ended the placement');
    expect((await bot.placement()).status).toBe('ended');
  });

  it('commissions a placement and answers with its checklist, each check a button that ticks it', async () => {
    const done = await bot.press('commissionPlacement', {
      actionId: 'commissionPlacement:card-7',
      placementId: null,
      version: null,
      input: {},
      'commissionPlacement.kind': 'off_site_ap',
      'commissionPlacement.pupil.ref': 'y10-0007',
      'commissionPlacement.pupil.initials': 'kt',
      'commissionPlacement.pupil.flags': 'ehcp,send',
      'commissionPlacement.start': '2026-03-02',
      'commissionPlacement.end': '',
      'commissionPlacement.provider.id': '',
      'commissionPlacement.provider.name': ' Hilltop Gym ',
      'commissionPlacement.objectives': 'Attend every session\n\n  Level 1 in construction  ',
    });
    expect(textOf(done?.value)).toContain('Ms R Okafor set up the placement');
    // Typed as staff type it, kept as the school writes it: capitals, a provider reference from the name, one objective a line.
    const [created] = (await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y10-0007' })).map((r) => r.placement);
    expect(created?.pupil).toMatchObject({ ref: 'Y10-0007', initials: 'KT', ehcp: true, send: true, lookedAfter: false });
    expect(created?.provider).toMatchObject({ id: 'hilltop-gym', name: 'Hilltop Gym' });
    expect(created?.objectives).toEqual(['Attend every session', 'Level 1 in construction']);
    const ticks = actionsOf(done?.value).filter((a) => a.verb === 'tickChecklistItem');
    expect(ticks.map((a) => (a.data.input as { item: string }).item)).toContain('sen_officer_informed');
    const tick = ticks[0];
    if (!tick) throw new Error('no checklist');
    expect(Object.keys(tick.data).sort()).toEqual(['actionId', 'input', 'placementId', 'version']);
    const ticked = await bot.press('tickChecklistItem', tick.data);
    expect(textOf(ticked?.value)).toContain('☑ Provider’s registration checked');
  });

  it('refuses a new placement for a pupil who already has one open, naming it on the form, and opens nothing', async () => {
    const response = await bot.press('commissionPlacement', {
      actionId: 'commissionPlacement:card-11',
      placementId: null,
      version: null,
      input: {},
      'commissionPlacement.kind': 'on_site_ap',
      'commissionPlacement.pupil.ref': 'y9-0412',
      'commissionPlacement.pupil.initials': 'JS',
      'commissionPlacement.start': '2026-03-02',
    });
    expect(textOf(response?.value)).toContain('New placement');
    expect(textOf(response?.value)).toMatch(/JS · Y9-0412 already has an open placement \(active since Mon 5 Jan\)[\s\S]*status Y9-0412/);
    expect(await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y9-0412' })).toHaveLength(1);
  });

  it('refuses a part-time timetable for a known reference with other initials, and then status <ref> lists every placement of the pupil', async () => {
    const refused = await bot.press(
      'proposePartTimeTimetable',
      { actionId: 'proposePartTimeTimetable:card-12', placementId: null, version: null, input: {}, 'proposePartTimeTimetable.pupil.ref': 'Y8-0101', 'proposePartTimeTimetable.pupil.initials': 'ZZ', 'proposePartTimeTimetable.reason': 'Phased return after a long illness', 'proposePartTimeTimetable.timetable': 'mon.am,tue.am,wed.am', 'proposePartTimeTimetable.start': '2026-02-23', 'proposePartTimeTimetable.end': '2026-03-20', 'proposePartTimeTimetable.planToFullTime': 'One more morning each week from March', 'proposePartTimeTimetable.parentsAgreed': 'yes' },
      'teacher',
    );
    expect(textOf(refused?.value)).toContain("Pupil Y8-0101 is AB on the school's record, not ZZ");
    expect(await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y8-0101' })).toHaveLength(1);

    await bot.press('declinePartTimeTimetable', { actionId: 'declinePartTimeTimetable:P-002', placementId: 'P-002', version: 0, input: {}, 'declinePartTimeTimetable.reason': 'Try a reduced on-site timetable first' }, 'head');
    await bot.press('commissionPlacement', {
      actionId: 'commissionPlacement:card-13',
      placementId: null,
      version: null,
      input: {},
      'commissionPlacement.kind': 'on_site_ap',
      'commissionPlacement.pupil.ref': 'Y8-0101',
      'commissionPlacement.pupil.initials': 'AB',
      'commissionPlacement.start': '2026-03-02',
    });
    const all = (await bot.stores.placements.list(bot.school.id, { pupilRef: 'Y8-0101' })).map((r) => r.placement);
    expect(all).toHaveLength(2);
    // Facts on the card carry their lines as values: read the whole card.
    const status = JSON.stringify(cardOf((await bot.say('status Y8-0101'))[0]));
    expect(status).toContain('All placements');
    for (const p of all) expect(status).toContain(`${p.id}: `);
    expect(status).toMatch(/P-002: part-time timetable, ended/);
  });

  it('proposes a part-time timetable from the form', async () => {
    const done = await bot.press(
      'proposePartTimeTimetable',
      { actionId: 'proposePartTimeTimetable:card-8', placementId: null, version: null, input: {}, 'proposePartTimeTimetable.pupil.ref': 'Y7-0033', 'proposePartTimeTimetable.pupil.initials': 'LM', 'proposePartTimeTimetable.reason': 'Phased return after a long illness', 'proposePartTimeTimetable.timetable': 'mon.am,tue.am,wed.am', 'proposePartTimeTimetable.start': '2026-02-23', 'proposePartTimeTimetable.end': '2026-03-20', 'proposePartTimeTimetable.planToFullTime': 'One more morning each week from March', 'proposePartTimeTimetable.parentsAgreed': 'not_yet' },
      'teacher',
    );
    expect(textOf(done?.value)).toContain('LM · Y7-0033');
    expect(textOf(done?.value)).toContain('Miss L Evans proposed a part-time timetable');
  });

  it('takes both approvals of a part-time timetable, from two different leaders', async () => {
    const first = await bot.press('approvePartTimeTimetable', { actionId: 'approvePartTimeTimetable:P-002', placementId: 'P-002', version: 0, input: {} }, 'head');
    expect(textOf(first?.value)).toContain('Dr A Patel approved the part-time timetable');
    const second = await bot.press('approvePartTimeTimetable', { actionId: 'approvePartTimeTimetable:P-002', placementId: 'P-002', version: 1, input: {} }, 'apLead');
    expect(textOf(second?.value)).toContain('Ms R Okafor approved the part-time timetable');
    expect((await bot.placement('P-002')).history.filter((e) => e.type === 'approval')).toHaveLength(2);
  });

  it('declines a part-time timetable with the reason typed behind the Decline button', async () => {
    const done = await bot.press('declinePartTimeTimetable', { actionId: 'declinePartTimeTimetable:P-002', placementId: 'P-002', version: 0, input: {}, 'declinePartTimeTimetable.reason': 'Try a reduced on-site timetable first' }, 'head');
    expect(textOf(done?.value)).toContain('Dr A Patel declined the part-time timetable');
  });

  it('refuses what the role may not do, on the card, and audits it', async () => {
    const refused = await bot.press('approvePartTimeTimetable', { actionId: 'approvePartTimeTimetable:P-002', placementId: 'P-002', version: 0, input: {} }, 'teacher');
    expect(textOf(refused?.value)).toContain('You are not allowed to do that');
    expect((await bot.stores.audit.list(bot.school.id)).at(-1)).toMatchObject({ actor: 's-teacher', outcome: 'refused' });
  });

  it('says so on the current card when a reminder snoozed is no longer open', async () => {
    const done = await bot.press('snoozeNudge', { actionId: 'snoozeNudge:P-001:nope', placementId: 'P-001', version: 0, input: { obligation: 'nope' }, 'snoozeNudge.until': '2026-02-11', 'snoozeNudge.reason': 'Waiting for the provider' });
    expect(textOf(done?.value)).toContain('That reminder is no longer open.');
  });

  it('confirms attendance with the mark fixed on the button', async () => {
    const done = await bot.press('confirmAttendance', { actionId: 'confirmAttendance:P-001:present', placementId: 'P-001', version: 0, input: { date: '2026-02-09', session: 'am', mark: 'present' } });
    expect(textOf(done?.value)).toContain('Ms R Okafor marked attendance');
    expect(textOf(done?.value)).toContain('Mon 9 Feb, morning: Present');
  });

  it('names an unexplained absence on its done card, never as attendance confirmed', async () => {
    const done = await bot.press('confirmAttendance', { actionId: 'confirmAttendance:P-001:absent', placementId: 'P-001', version: 0, input: { date: '2026-02-09', session: 'am', mark: 'absent_unauthorised' } });
    expect(textOf(done?.value)).toContain('Mon 9 Feb, morning: Absent (unexplained)');
    expect(textOf(done?.value)).not.toMatch(/confirmed attendance/i);
  });
});

describe('buttons that show another card', () => {
  it('opens the review, concern and end forms, their inputs named <verb>.<field>', async () => {
    const review = await bot.press('openReviewForm', { actionId: 'openReviewForm:P-001', placementId: 'P-001', version: 0, input: {} });
    expect(textOf(review?.value)).toContain('Record the review');
    expect(inputIdsOf(review?.value)).toEqual(expect.arrayContaining(['recordReview.attendees', 'recordReview.progress', 'recordReview.outcome']));
    expect(actionsOf(review?.value)).toEqual([expect.objectContaining({ verb: 'recordReview', data: expect.objectContaining({ placementId: 'P-001', version: 0 }) })]);
    expect(textOf((await bot.press('openConcernForm', { actionId: 'openConcernForm:P-001', placementId: 'P-001', version: 0, input: {} }, 'teacher'))?.value)).toContain('Only the safeguarding leads will read');
    expect(actionsOf((await bot.press('openEndPlacementForm', { actionId: 'openEndPlacementForm:P-001', placementId: 'P-001', version: 0, input: {} }))?.value).map((a) => a.verb)).toEqual(['endPlacement']);
  });

  it('refuses a form to someone who may not record it before they fill it in', async () => {
    const refused = await bot.press('openEndPlacementForm', { actionId: 'openEndPlacementForm:P-001', placementId: 'P-001', version: 0, input: {} }, 'teacher');
    expect(textOf(refused?.value)).toContain('You are not allowed to do that');
  });

  it('offers to reassign a duty to everyone who can own it, and the card then offers the one who had it', async () => {
    const review = { actionId: 'showReminder:P-001', placementId: 'P-001', version: 0, input: { obligation: 'placement_review:Spring 2026 first half' } };
    const choicesOf = (card: unknown): string[] => {
      const found: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (node === null || typeof node !== 'object') return;
        const record = node as { id?: string; choices?: { title: string }[] };
        if (record.id === 'reassignOwner.to') found.push(...(record.choices ?? []).map((c) => c.title));
        Object.values(record).forEach(walk);
      };
      walk(card);
      return found;
    };
    // The headteacher may do all an AP lead's duty asks; the DSL may not; Ms Okafor owns it already, alone.
    expect(choicesOf((await bot.press('showReminder', review))?.value)).toEqual(['Dr A Patel']);
    const done = await bot.press('reassignOwner', { actionId: 'reassignOwner:P-001', placementId: 'P-001', version: 0, input: { role: 'ap_lead' }, 'reassignOwner.to': 's-head' });
    expect(textOf(done?.value)).toContain('reassigned');
    expect((await bot.placement()).owners).toEqual({ ap_lead: 's-head' });
    expect(choicesOf((await bot.press('showReminder', { ...review, version: 1 }))?.value)).toEqual(['Ms R Okafor']);
  });

  it("shows a placement's summary, and one of its reminders in full", async () => {
    const summary = await bot.press('showPlacement', { actionId: 'showPlacement:P-001', placementId: 'P-001', version: 0, input: {} });
    expect(textOf(summary?.value)).toContain('JS · Y9-0412: Off-site alternative provision');
    const open = actionsOf(summary?.value).find((a) => a.verb === 'showReminder');
    if (!open) throw new Error('nothing due on the summary');
    const reminder = await bot.press('showReminder', open.data);
    expect(textOf(reminder?.value)).toContain('JS · Y9-0412');
    expect(refreshOf(reminder?.value as never)?.data.input).toEqual({ card: 'reminder', obligation: (open.data.input as { obligation: string }).obligation });
    const placementReview = await bot.press('showReminder', { ...open.data, input: { obligation: 'placement_review:Spring 2026 first half' } });
    expect(actionsOf(placementReview?.value).map((a) => a.title)).toEqual(expect.arrayContaining(['Record the review', 'Snooze']));
  });

  it('keeps placements from staff who may not read them', async () => {
    expect(textOf((await bot.press('showPlacement', { actionId: 'showPlacement:P-001', placementId: 'P-001', version: 0, input: {} }, 'teacher'))?.value)).toContain('Placements are shown to');
  });

  it("pages what is due on a placement's summary", async () => {
    const first = await bot.press('showPlacement', { actionId: 'showPlacement:P-001', placementId: 'P-001', version: 0, input: {} });
    expect(textOf(first?.value)).toContain('Showing 1 to 10 of');
    const more = actionsOf(first?.value).find((a) => a.verb === 'showPlacement');
    expect(more?.title).toMatch(/^Show \d+ more$/);
    expect(textOf((await bot.press('showPlacement', more!.data))?.value)).toContain('Showing 11 to');
  });

  it('refreshes a paged card on the page it shows', async () => {
    const page = await bot.press('showPlacement', { actionId: 'showPlacement:P-001:due:10', placementId: 'P-001', version: 0, input: { offset: 10 } });
    const refresh = refreshOf(page?.value as never);
    expect(refresh?.data.input).toEqual({ card: 'placementSummary', offset: 10 });
    const again = await bot.press('refreshCard', refresh!.data as never);
    expect(textOf(again?.value)).toContain('Showing 11 to');
  });

  it('shows the next page of the due list', async () => {
    const page = await bot.press('showMore', { actionId: 'showMore:digest:0', placementId: null, version: null, input: { list: 'digest', offset: 0 } });
    expect(textOf(page?.value)).toMatch(/\d+ things? needs? you/);
  });

  it('refreshes a reminder as it stands now, and says so once it is done', async () => {
    const reminder = await bot.press('refreshCard', { actionId: 'refreshCard:reminder', placementId: 'P-001', version: 0, input: { card: 'reminder', obligation: 'placement_review:Spring 2026 first half' } });
    expect(textOf(reminder?.value)).toContain('Placement review');
    await bot.press('recordReview', aReviewSubmit());
    const summary = await bot.press('refreshCard', { actionId: 'refreshCard:reminder', placementId: 'P-001', version: 0, input: { card: 'reminder', obligation: 'placement_review:Spring 2026 first half' } });
    expect(textOf(summary?.value)).toContain('That reminder is no longer open.');
  });

  it('refreshes an approval request for both approvers', async () => {
    const before = await bot.press('refreshCard', { actionId: 'refreshCard:approvalRequest', placementId: 'P-002', version: 0, input: { card: 'approvalRequest' } }, 'head');
    expect(textOf(before?.value)).toContain('A part-time timetable needs your approval');
    expect(refreshOf(before?.value as never)?.userIds).toHaveLength(2);
  });

  it('shows no placement card to someone who may not read placements, whatever button they press', async () => {
    for (const [card, input] of [['approvalRequest', {}], ['reminder', { obligation: 'placement_review:Spring 2026 first half' }]] as const) {
      const reply = await bot.press('refreshCard', { actionId: `refreshCard:${card}`, placementId: card === 'reminder' ? 'P-001' : 'P-002', version: 0, input: { card, ...input } }, 'teacher');
      expect(JSON.stringify(reply?.value)).not.toMatch(/Y9-0412|A part-time timetable needs your approval/);
      expect(textOf(reply?.value)).toContain('Placements are shown to the AP lead');
    }
  });

  it('answers a failure on our side with an incident id to quote, logged without the pupil', async () => {
    bot.stores.placements.get = () => Promise.reject(new Error('Y9-0412 could not be read'));
    const card = (await bot.press('showPlacement', { actionId: 'showPlacement:P-001', placementId: 'P-001', version: 0, input: {} }))?.value;
    const incident = bot.logs.find((l) => l.level === 'error')?.fields as { incident?: string } | undefined;
    expect(incident?.incident).toMatch(/^[0-9a-f]{8}$/);
    expect(textOf(card)).toContain('Sorry, something went wrong on our side');
    expect(textOf(card)).toContain(incident?.incident ?? 'no incident');
    expect(JSON.stringify(card)).not.toContain('Y9-0412');
    expect(JSON.stringify(bot.logs)).not.toContain('Y9-0412');
  });

  it('answers a button that no longer does anything kindly', async () => {
    expect(textOf((await bot.press('launchRockets', { placementId: 'P-001' }))?.value)).toContain('no longer does anything');
    expect(textOf((await bot.press('showForm', { placementId: 'P-001', form: 'recordReview' }))?.value)).toContain('no longer does anything');
    expect(textOf((await bot.press('refreshCard', { placementId: 'P-001', input: { card: '__proto__' } }))?.value)).toContain('JS · Y9-0412');
    expect(textOf((await bot.press('recordReview', aReviewSubmit({}, { placementId: 'P-404' })))?.value)).toContain('That placement is no longer here');
  });
});
