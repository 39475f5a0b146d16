import { describe, expect, it, vi } from 'vitest';
import { dueFor } from '../../src/app/queries.ts';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import { A_QA_VISIT, aDecisionDesk, MONDAY_MORNING } from '../fixtures/decisionDesk.ts';

const details = 'Disclosed worries about an adult at home during the farm session.';
const A_RISK_ASSESSMENT = { subject: 'pupil', on: '2026-02-09', assessedBy: 'Ms R Okafor', level: 'medium', nextReviewOn: '2026-03-16' } as const;
const ABSENCE = { absenceOn: '2026-02-06', session: 'pm' } as const;
const REACHED = { ...ABSENCE, on: '2026-02-09', contacted: 'mother', method: 'phone', outcome: 'contact_made', reason: 'Dentist appointment', attendanceCode: 'M' } as const;
const NOT_REACHED = { ...ABSENCE, on: '2026-02-09', contacted: 'mother and father', method: 'phone', outcome: 'no_contact', nextStep: 'home_visit' } as const;
const absentFriday = { history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] };

describe('logging a concern', () => {
  it('keeps what happened for the DSLs, and tells the audit log only the category', async () => {
    const desk = await aDecisionDesk([{}]);
    const result = await desk.run('s-teacher', 'logConcern', 'P-001', { category: 'safeguarding', details });
    expect(result.summary).toBe('A safeguarding concern was logged for placement P-001');
    expect(result.record.placement.history.at(-1)).toMatchObject({ type: 'concern', category: 'safeguarding', details, by: 's-teacher' });
    const audit = await desk.auditOf();
    expect(JSON.stringify(audit)).not.toContain('adult at home');
  });

  it('a safeguarding concern makes a review and a risk assessment due the next school day (003 §8)', async () => {
    const desk = await aDecisionDesk([{ history: [{ type: 'review', on: '2026-01-20' }, { type: 'risk_assessment', on: '2026-01-20' }] }]);
    await desk.run('s-teacher', 'logConcern', 'P-001', { category: 'safeguarding', details });
    expect(await desk.obligations('P-001', '2026-02-10T09:00:00Z')).toEqual(
      expect.arrayContaining(['placement_review:safeguarding concern 2026-02-09', 'pupil_risk_assessment:safeguarding concern 2026-02-09']),
    );
  });

  it('refuses a concern with too little said, or dated in the future', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-teacher', 'logConcern', 'P-001', { category: 'safeguarding', details: 'worried' })).rejects.toThrow(/details: say what happened/);
    await expect(desk.run('s-teacher', 'logConcern', 'P-001', { category: 'safeguarding', details, on: '2026-02-12' })).rejects.toThrow(/on: 2026-02-12 is in the future/);
    await expect(desk.run('s-teacher', 'logConcern', 'P-001', { category: 'gossip', details })).rejects.toThrow(/category: Invalid option/);
    expect((await desk.placement()).version).toBe(0);
  });
});

describe('recording what was done', () => {
  it('a review closes the half-term review and keeps the views and outcome', async () => {
    const desk = await aDecisionDesk([{}]);
    expect(await desk.obligations()).toContain('placement_review:Spring 2026 first half');
    const { record } = await desk.run('s-aplead', 'recordReview', 'P-001', {
      attendees: ['pupil', 'parents', 'provider'],
      pupilView: 'Likes the animals',
      parentView: 'Happier in the mornings',
      progress: 'Attending every session; maths booklet done',
      outcome: 'continue',
      nextReviewOn: '2026-03-16',
    });
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'review', outcome: 'continue', nextReviewOn: '2026-03-16' });
    expect(await desk.obligations()).not.toContain('placement_review:Spring 2026 first half');
  });

  it('a QA visit, a risk assessment, a document and a provider report each close their reminder', async () => {
    const desk = await aDecisionDesk([{ provider: { id: 'PR-7', name: 'Riverside Farm', documents: [{ type: 'insurance', expires: '2026-02-20' }] } }]);
    const before = await desk.obligations();
    expect(before).toEqual(expect.arrayContaining(['qa_visit', 'pupil_risk_assessment:Spring 2026 first half', 'provider_document_expiry:insurance', 'provider_report:Spring 2026 first half']));
    await desk.run('s-aplead', 'recordQaVisit', 'P-001', { ...A_QA_VISIT, seen: 'Registers and session plans' });
    await desk.run('s-aplead', 'renewRiskAssessment', 'P-001', { ...A_RISK_ASSESSMENT, documentUrl: 'https://sharepoint.example/ra/123' });
    await desk.run('s-aplead', 'recordProviderDocument', 'P-001', { documentType: 'insurance', expires: '2027-02-20' });
    await desk.run('s-aplead', 'recordProviderReport', 'P-001', {});
    const after = await desk.obligations();
    expect(after).not.toContain('pupil_risk_assessment:Spring 2026 first half');
    expect(after).not.toContain('provider_report:Spring 2026 first half');
    const due = deriveObligations(await desk.placement(), desk.school, new Date(MONDAY_MORNING));
    const dueDateOf = (type: string) => due.filter((o) => o.type === type).map((o) => o.dueDate);
    // Ten full-time sessions after Mon 9 Feb run to Tue 24 Feb, over the INSET day and half-term.
    expect(dueDateOf('qa_visit')).toEqual(['2026-02-24']);
    expect(dueDateOf('provider_document_expiry')).toEqual(['2027-02-20']);
  });

  it('refuses a risk-assessment link that is not https', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-aplead', 'renewRiskAssessment', 'P-001', { ...A_RISK_ASSESSMENT, documentUrl: 'javascript:alert(1)' })).rejects.toThrow(/documentUrl/);
  });

  it('records LA informed, home/school agreement, welfare checks and absence follow-ups against their reminders', async () => {
    const desk = await aDecisionDesk([
      { history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] },
      { id: 'P-002', kind: 'part_time_timetable', provider: undefined, start: '2026-02-02', timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: [] } },
    ]);
    expect(await desk.obligations()).toEqual(expect.arrayContaining(['la_informed', 'absence_follow_up:2026-02-06 pm', 'home_school_agreement_review:Spring 2026']));
    await desk.run('s-aplead', 'recordLaInformed', 'P-001', { on: '2026-01-05' });
    await desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', { ...REACHED, on: '2026-02-06' });
    await desk.run('s-aplead', 'recordHomeSchoolAgreement', 'P-001', {});
    expect(await desk.obligations()).not.toEqual(expect.arrayContaining(['la_informed']));
    expect((await desk.obligations()).filter((k) => /^(la_informed|absence_follow_up|home_school_agreement_review)/.test(k))).toEqual([]);

    expect(await desk.obligations('P-002')).toContain('welfare_check:2026-02-06');
    await desk.run('s-teacher', 'recordWelfareCheck', 'P-002', { method: 'phone', on: '2026-02-06' });
    expect(await desk.obligations('P-002')).not.toContain('welfare_check:2026-02-06');
    await expect(desk.run('s-teacher', 'recordWelfareCheck', 'P-001', { method: 'phone' })).rejects.toThrow(/applies only to part time timetable/);
  });
});

describe('confirming attendance (000 §4.5)', () => {
  it('takes one mark per session into the attendance store, suggests the register code, and closes the reminder', async () => {
    const desk = await aDecisionDesk([{}]);
    expect(await desk.obligations()).toContain('attendance_confirmation:2026-02-09 am');
    const result = await desk.run('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'present' });
    expect(result.attendance).toMatchObject({ registerCode: 'B', mark: 'present' });
    expect(await desk.stores.attendance.listForDate(desk.school.id, '2026-02-09')).toMatchObject([{ placementId: 'P-001', session: 'am', mark: 'present', by: 's-attendance' }]);
    expect(await desk.obligations()).not.toContain('attendance_confirmation:2026-02-09 am');
    expect((await desk.placement()).version).toBe(0);
    expect((await desk.auditOf()).map((e) => e.summary)).toEqual(['Attendance 2026-02-09 am for placement P-001: present']);
  });

  it('refuses a second, different mark for the same session, and a session not timetabled', async () => {
    const desk = await aDecisionDesk([{ timetable: { mon: ['am'], tue: [], wed: [], thu: [], fri: [] } }]);
    await desk.run('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'absent_unauthorised' });
    await expect(desk.run('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'am', mark: 'present' })).rejects.toThrow(/already marked absent unauthorised/);
    await expect(desk.run('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-09', session: 'pm', mark: 'present' })).rejects.toThrow(/not timetabled/);
    await expect(desk.run('s-attendance', 'confirmAttendance', 'P-001', { date: '2026-02-07', session: 'am', mark: 'present' })).rejects.toThrow(/not a school day/);
    expect(await desk.obligations()).toContain('absence_follow_up:2026-02-09 am');
  });
});

describe('snoozing and reassigning', () => {
  it('snoozes a reminder with a reason, never past the moment it escalates', async () => {
    const desk = await aDecisionDesk([{}]);
    // Due Thu 12 Feb (the 13th is an INSET day, then half-term): escalates as Wed 25 Feb begins.
    const obligation = 'placement_review:Spring 2026 first half';
    await expect(desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation, until: '2026-02-26', reason: 'Parents away' })).rejects.toThrow(/until Wed 25 Feb at the latest, when this escalates/);
    await expect(desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation: 'qa_visit:nothing', until: '2026-02-10', reason: 'Parents away' })).rejects.toThrow(/no longer open/);
    const { record } = await desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation, until: '2026-02-25', reason: 'Parents away' });
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'snooze', obligation, until: '2026-02-25', untilAt: '2026-02-25T00:00:00.000Z' });
  });

  it.each([
    { when: 'to midday', until: '2026-02-09T12:00', ok: true },
    { when: 'to the end of the school day, 15:15, when it escalates', until: '2026-02-09T15:15', ok: true },
    { when: 'a minute past the end of the school day', until: '2026-02-09T15:16', ok: false },
    { when: 'to the next day', until: '2026-02-10', ok: false },
    { when: 'to a time already gone', until: '2026-02-09T08:30', ok: false },
  ])("snoozes an attendance confirmation (escalates at the end of its own school day) $when: allowed $ok", async ({ until, ok }) => {
    const desk = await aDecisionDesk([{ start: '2026-02-09' }]);
    const input = { obligation: 'attendance_confirmation:2026-02-09 am', until, reason: 'Provider rings back' };
    const attempt = desk.run('s-attendance', 'snoozeNudge', 'P-001', input, { at: '2026-02-09T09:30:00Z' });
    if (ok) await expect(attempt).resolves.toMatchObject({ replayed: false });
    else await expect(attempt).rejects.toThrow(until < '2026-02-09T09' ? /pick a later time/ : /until 15:15 today at the latest, when this escalates/);
  });

  it('refuses to snooze what someone else owns, or what has already escalated', async () => {
    const desk = await aDecisionDesk([{ start: '2025-11-03' }]);
    await expect(desk.run('s-attendance', 'snoozeNudge', 'P-001', { obligation: 'placement_review:Spring 2026 first half', until: '2026-02-10', reason: 'Busy' })).rejects.toThrow(/Only the AP lead or the headteacher/);
    await expect(desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation: 'placement_review:Autumn 2025 second half', until: '2026-02-10', reason: 'Busy' })).rejects.toThrow(/already been escalated/);
  });

  it('reassigns a role on the placement only to someone who may do all its duties ask', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-dsl' })).rejects.toThrow(/Mr J Byrne may not do all that the AP lead’s reminders ask/);
    await expect(desk.run('s-aplead', 'reassignOwner', 'P-001', { role: 'headteacher', to: 's-aplead' })).rejects.toThrow(/may not do all that the headteacher’s reminders ask/);
    expect((await desk.run('s-aplead', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-head' })).record.placement.owners).toEqual({ ap_lead: 's-head' });
    await expect(desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-nobody' })).rejects.toThrow(/no longer on the staff list/);
    const { record } = await desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-aplead' });
    expect(record.placement.owners).toEqual({ ap_lead: 's-aplead' });
  });
});

describe("a provider's checks, recorded through any pupil placed there", () => {
  const riverside = { id: 'PR-7', name: 'Riverside Farm', riskAssessmentOn: '2025-09-01', documents: [{ type: 'insurance', expires: '2026-03-01' }] };
  const twoPupils = [
    { id: 'P-001', provider: riverside },
    { id: 'P-002', pupil: { ref: 'Y10-0031', initials: 'TK' }, provider: riverside },
  ];
  const insurance = async (desk: Awaited<ReturnType<typeof aDecisionDesk>>, id: string) =>
    (await desk.open(id)).filter((o) => o.type === 'provider_document_expiry').map((o) => o.dueDate);

  it('insurance renewed through one pupil is renewed for the other, and kept on the provider record', async () => {
    const desk = await aDecisionDesk(twoPupils);
    expect([await insurance(desk, 'P-001'), await insurance(desk, 'P-002')]).toEqual([['2026-03-01'], ['2026-03-01']]);
    await desk.run('s-aplead', 'recordProviderDocument', 'P-001', { documentType: 'insurance', expires: '2027-03-01' });
    expect([await insurance(desk, 'P-001'), await insurance(desk, 'P-002')]).toEqual([['2027-03-01'], ['2027-03-01']]);
    expect((await desk.stores.providers.get(desk.school.id, 'PR-7'))?.documents).toEqual([{ type: 'insurance', expires: '2027-03-01' }]);
  });

  it("the provider's risk assessment renewed through the second pupil counts for the first", async () => {
    const desk = await aDecisionDesk(twoPupils);
    await desk.run('s-aplead', 'renewRiskAssessment', 'P-002', { subject: 'provider', on: '2026-02-06', assessedBy: 'Ms R Okafor', level: 'low', nextReviewOn: '2027-02-05' });
    const renewal = (await desk.open('P-001')).find((o) => o.type === 'provider_risk_assessment_renewal');
    expect(renewal?.dueDate).toBe('2027-02-06');
  });

  it('a decision that tells the provider nothing new (a snooze) leaves its record unwritten; a renewal writes it', async () => {
    const desk = await aDecisionDesk(twoPupils);
    const merges = vi.spyOn(desk.stores.providers, 'merge');
    await desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation: 'placement_review:Spring 2026 first half', until: '2026-02-25', reason: 'Parents away' });
    expect((await desk.auditOf('P-001')).map((e) => e.action)).toEqual(['snoozeNudge']);
    expect(merges).not.toHaveBeenCalled();
    await desk.run('s-aplead', 'recordProviderDocument', 'P-002', { documentType: 'insurance', expires: '2027-03-01' });
    expect(merges).toHaveBeenCalledTimes(1);
    expect((await desk.stores.providers.get(desk.school.id, 'PR-7'))?.documents).toEqual([{ type: 'insurance', expires: '2027-03-01' }]);
  });

  it("lists the provider's check once in the AP lead's due list", async () => {
    const desk = await aDecisionDesk(twoPupils);
    const actor = { staffId: 's-aplead', roles: ['ap_lead' as const] };
    const due = await dueFor(desk.stores, desk.school, actor, new Date(MONDAY_MORNING));
    expect(due.filter(({ obligation }) => obligation.type === 'provider_document_expiry').map(({ placement }) => placement.provider?.id)).toEqual(['PR-7']);
    expect(due.filter(({ obligation }) => obligation.type === 'placement_review').map(({ placement }) => placement.id)).toEqual(['P-001', 'P-002']);
  });
});

describe('records an inspector would accept', () => {
  it.each([
    { decision: 'recordQaVisit', missing: ['on: give the date of the visit', 'visitedBy: say who visited', 'checked: say what was checked', 'outcome: give the outcome', 'actions: say what actions were agreed'] },
    { decision: 'recordReview', missing: ['attendees: say who took part', 'progress: say how it is going against the objectives', 'outcome: give the outcome'] },
    { decision: 'renewRiskAssessment', missing: ['subject: say whose risk assessment', 'on: give the date of the assessment', 'assessedBy: say who carried it out', 'level: give the level of risk', 'nextReviewOn: give the date of the next review'] },
    { decision: 'recordAbsenceFollowUp', missing: ['on: give the date you made contact', 'contacted: say who you contacted', 'method: say how', 'outcome: say whether you made contact'] },
  ])('refuses an empty $decision, naming everything missing, and records nothing', async ({ decision, missing }) => {
    const desk = await aDecisionDesk([absentFriday]);
    const attempt = desk.run('s-aplead', decision, 'P-001', decision === 'recordAbsenceFollowUp' ? ABSENCE : {});
    for (const line of missing) await expect(attempt).rejects.toThrow(line);
    expect((await desk.placement()).version).toBe(0);
    expect(await desk.auditOf()).toEqual([]);
  });

  it('refuses a QA visit with only its date, and keeps every part of a whole one', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', { on: '2026-02-09' })).rejects.toThrow(/visitedBy: say who visited[\s\S]*checked: say what was checked/);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', { ...A_QA_VISIT, checked: [] })).rejects.toThrow(/checked: say what was checked/);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', { ...A_QA_VISIT, visitedBy: '  ' })).rejects.toThrow(/visitedBy: say who visited/);
    expect((await desk.placement()).version).toBe(0);
    const { record } = await desk.run('s-aplead', 'recordQaVisit', 'P-001', A_QA_VISIT);
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'qa_visit', ...A_QA_VISIT, checked: [...A_QA_VISIT.checked], by: 's-aplead' });
  });

  it('a review that carries on sets its next date; one that ends the placement need not', async () => {
    const desk = await aDecisionDesk([{}]);
    const review = { attendees: ['pupil', 'parents'], progress: 'Settling well', outcome: 'continue' };
    await expect(desk.run('s-aplead', 'recordReview', 'P-001', review)).rejects.toThrow(/nextReviewOn: give the date of the next review/);
    expect((await desk.placement()).version).toBe(0);
    await desk.run('s-aplead', 'recordReview', 'P-001', { ...review, outcome: 'end' });
    expect((await desk.placement()).history.at(-1)).toMatchObject({ type: 'review', outcome: 'end' });
  });

  it('a risk assessment keeps who, the level and the next review, which must come after it', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-aplead', 'renewRiskAssessment', 'P-001', { ...A_RISK_ASSESSMENT, nextReviewOn: '2026-02-09' })).rejects.toThrow(/next review comes after/);
    const { record } = await desk.run('s-aplead', 'renewRiskAssessment', 'P-001', A_RISK_ASSESSMENT);
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'risk_assessment', on: '2026-02-09', assessedBy: 'Ms R Okafor', level: 'medium', nextReviewOn: '2026-03-16' });
  });
});

describe('following up an unexplained absence (001 §10)', () => {
  it('contact made, with the reason and its register code, closes it', async () => {
    const desk = await aDecisionDesk([absentFriday]);
    await expect(desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', { ...REACHED, reason: undefined, attendanceCode: undefined })).rejects.toThrow(
      /reason: give the reason[\s\S]*attendanceCode: give the register code/,
    );
    const { record } = await desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', REACHED);
    expect(record.placement.history.at(-1)).toMatchObject({ type: 'absence_follow_up', contacted: 'mother', outcome: 'contact_made', reason: 'Dentist appointment', attendanceCode: 'M' });
    expect(await desk.obligations()).not.toContain('absence_follow_up:2026-02-06 pm');
  });

  it('no contact keeps it open, asks for the next step, and tells the DSL at once', async () => {
    const desk = await aDecisionDesk([absentFriday]);
    await expect(desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', { ...NOT_REACHED, nextStep: undefined })).rejects.toThrow(/nextStep: say what happens next/);
    const before = await desk.stores.outbox.list(desk.school.id);
    await desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', NOT_REACHED);
    expect(await desk.obligations()).toContain('absence_follow_up:2026-02-06 pm');
    const sent = (await desk.stores.outbox.list(desk.school.id)).filter((e) => !before.some((b) => b.dedupeKey === e.dedupeKey));
    expect(sent.map((e) => e.recipient.staffId)).toEqual(['s-dsl']);
    expect(sent[0]?.message).toMatchObject({ kind: 'reminder', item: { type: 'absence_follow_up', subject: '2026-02-06 pm', pupil: { ref: 'Y9-0412' } } });
  });

  it('after no contact, closes on a later contact or on a DSL decision with its reason, and only the DSL may decide', async () => {
    const desk = await aDecisionDesk([absentFriday, { ...absentFriday, id: 'P-002', pupil: { ref: 'Y9-0500', initials: 'AB' } }]);
    for (const id of ['P-001', 'P-002']) await desk.run('s-attendance', 'recordAbsenceFollowUp', id, NOT_REACHED);
    await desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', { ...REACHED, on: '2026-02-09' });
    expect(await desk.obligations('P-001')).not.toContain('absence_follow_up:2026-02-06 pm');

    const decision = { ...ABSENCE, action: 'child_missing_education', rationale: 'No answer at home for three days; reported to the LA.' };
    await expect(desk.run('s-attendance', 'recordAbsenceDecision', 'P-002', decision)).rejects.toThrow(/not allowed/);
    await expect(desk.run('s-dsl', 'recordAbsenceDecision', 'P-002', { ...decision, rationale: '' })).rejects.toThrow(/rationale: give the reason/);
    expect(await desk.obligations('P-002')).toContain('absence_follow_up:2026-02-06 pm');
    await desk.run('s-dsl', 'recordAbsenceDecision', 'P-002', decision);
    expect(await desk.obligations('P-002')).not.toContain('absence_follow_up:2026-02-06 pm');
  });

  it('refuses a follow-up of an absence that was never marked', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', REACHED)).rejects.toThrow(/no unexplained absence on 2026-02-06 pm/);
  });

  it('an old follow-up that said only "no contact" is still open', async () => {
    const desk = await aDecisionDesk([{ history: [...absentFriday.history, { type: 'absence_follow_up', on: '2026-02-06', session: 'pm', contact: 'no_contact' }] }]);
    expect(await desk.obligations()).toContain('absence_follow_up:2026-02-06 pm');
  });
});
