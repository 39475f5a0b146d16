import { describe, expect, it } from 'vitest';
import { deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import { aDecisionDesk, MONDAY_MORNING } from '../fixtures/decisionDesk.ts';

const details = 'Disclosed worries about an adult at home during the farm session.';

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
    await desk.run('s-aplead', 'recordQaVisit', 'P-001', { seen: 'Registers and session plans', actions: 'Share the learning plan' });
    await desk.run('s-aplead', 'renewRiskAssessment', 'P-001', { subject: 'pupil', documentUrl: 'https://sharepoint.example/ra/123' });
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
    await expect(desk.run('s-aplead', 'renewRiskAssessment', 'P-001', { subject: 'pupil', documentUrl: 'javascript:alert(1)' })).rejects.toThrow(/documentUrl/);
  });

  it('records LA informed, home/school agreement, welfare checks and absence follow-ups against their reminders', async () => {
    const desk = await aDecisionDesk([
      { history: [{ type: 'attendance', on: '2026-02-06', session: 'pm', mark: 'absent_unauthorised' }] },
      { id: 'P-002', kind: 'part_time_timetable', provider: undefined, start: '2026-02-02', timetable: { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: [] } },
    ]);
    expect(await desk.obligations()).toEqual(expect.arrayContaining(['la_informed', 'absence_follow_up:2026-02-06 pm', 'home_school_agreement_review:Spring 2026']));
    await desk.run('s-aplead', 'recordLaInformed', 'P-001', { on: '2026-01-05' });
    await desk.run('s-attendance', 'recordAbsenceFollowUp', 'P-001', { absenceOn: '2026-02-06', session: 'pm', contact: 'phone', on: '2026-02-06' });
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
    await expect(desk.run('s-attendance', 'snoozeNudge', 'P-001', { obligation: 'placement_review:Spring 2026 first half', until: '2026-02-10', reason: 'Busy' })).rejects.toThrow(/Only the ap lead or the headteacher/);
    await expect(desk.run('s-aplead', 'snoozeNudge', 'P-001', { obligation: 'placement_review:Autumn 2025 second half', until: '2026-02-10', reason: 'Busy' })).rejects.toThrow(/already been escalated/);
  });

  it('reassigns a role on the placement only to someone who holds it', async () => {
    const desk = await aDecisionDesk([{}]);
    await expect(desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-dsl' })).rejects.toThrow(/does not hold the ap lead role/);
    await expect(desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-nobody' })).rejects.toThrow(/no member of staff/);
    const { record } = await desk.run('s-head', 'reassignOwner', 'P-001', { role: 'ap_lead', to: 's-aplead' });
    expect(record.placement.owners).toEqual({ ap_lead: 's-aplead' });
  });
});
