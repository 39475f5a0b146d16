import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import { AppError } from '../../src/core/errors.ts';
import type { Role } from '../../src/core/policy/roles.ts';
import { aDecisionDesk } from '../fixtures/decisionDesk.ts';

const pupil = { ref: 'Y9-0999', initials: 'ZZ' };
const offSite = { id: 'P-001' };
const proposedPtt = { id: 'P-001', kind: 'part_time_timetable', status: 'proposed', provider: undefined, start: '2026-02-23', end: '2026-03-27' };
const direction = { id: 'P-001', kind: 'off_site_direction', status: 'proposed', start: '2026-02-24' };

interface Sample {
  placement?: Record<string, unknown>;
  input: unknown | ((role: Role) => unknown);
}

/** A request each decision accepts from any role the matrix lets do it. */
const SAMPLES: Record<string, Sample> = {
  commissionPlacement: { input: { kind: 'off_site_ap', pupil, start: '2026-03-02', provider: { id: 'PR-7', name: 'Riverside Farm' } } },
  tickChecklistItem: { placement: { ...offSite, status: 'proposed' }, input: { item: 'learning_plan' } },
  activatePlacement: {
    placement: {
      id: 'P-001', kind: 'on_site_ap', status: 'proposed', provider: undefined, start: '2026-02-23',
      history: ['pupil_risk_assessment', 'learning_plan', 'parents_consulted'].map((item) => ({ type: 'checklist_item', on: '2026-02-02', item })),
    },
    input: {},
  },
  updatePlacement: { placement: offSite, input: { end: '2026-03-27' } },
  recordSuspension: { input: { pupil, firstDay: '2026-02-09', schoolDays: 8 } },
  proposePartTimeTimetable: {
    input: { pupil, reason: 'Phased return after a long illness', timetable: { mon: ['am'], tue: ['am'] }, start: '2026-02-23', end: '2026-03-27' },
  },
  approvePartTimeTimetable: { placement: proposedPtt, input: {} },
  declinePartTimeTimetable: { placement: proposedPtt, input: { reason: 'Full-time support is in place instead' } },
  proposeExtension: {
    placement: { id: 'P-001', kind: 'part_time_timetable', provider: undefined, start: '2026-01-12', end: '2026-02-27' },
    input: { end: '2026-03-27', reason: 'Needs four more weeks to settle back in' },
  },
  recordParentAgreement: { placement: proposedPtt, input: {} },
  logConcern: { placement: offSite, input: { category: 'behaviour', details: 'Left the provider site at lunchtime without permission.' } },
  recordReview: { placement: offSite, input: { attendees: ['pupil', 'parents'], progress: 'Good progress in maths', outcome: 'continue' } },
  requestReview: { placement: offSite, input: { from: 'parents' } },
  recordQaVisit: { placement: offSite, input: { seen: 'Register, session plans' } },
  renewRiskAssessment: { placement: offSite, input: { subject: 'pupil' } },
  recordProviderDocument: { placement: offSite, input: { documentType: 'insurance', expires: '2027-01-31' } },
  confirmAttendance: { placement: offSite, input: { date: '2026-02-09', session: 'am', mark: 'present' } },
  recordAbsenceFollowUp: { placement: offSite, input: { absenceOn: '2026-02-06', session: 'pm', contact: 'phone' } },
  recordWelfareCheck: { placement: { ...proposedPtt, status: 'active', start: '2026-01-12' }, input: { method: 'phone' } },
  recordParentNotice: { placement: direction, input: { method: 'letter' } },
  recordLaInformed: { placement: offSite, input: {} },
  recordGovernorApproval: { placement: direction, input: {} },
  recordHomeSchoolAgreement: { placement: offSite, input: {} },
  recordProviderReport: { placement: offSite, input: {} },
  recordReintegrationMeeting: { placement: offSite, input: {} },
  endPlacement: { placement: offSite, input: { reason: 'planned_end' } },
  snoozeNudge: {
    placement: offSite,
    input: (role: Role) =>
      role === 'attendance_officer'
        ? { obligation: 'attendance_confirmation:2026-02-09 am', until: '2026-02-09T12:00', reason: 'Provider phones back at noon' }
        : { obligation: 'placement_review:Spring 2026 first half', until: '2026-02-11', reason: 'Parents can only come on Wednesday' },
  },
  reassignOwner: { placement: offSite, input: { role: 'ap_lead', to: 's-aplead' } },
};

/** One member of staff of the example school per role. */
const STAFF_BY_ROLE: Record<Role, string> = {
  headteacher: 's-head',
  ap_lead: 's-aplead',
  dsl: 's-dsl',
  attendance_officer: 's-attendance',
  governor: 's-governor',
  staff: 's-teacher',
};

/** Who may do what, written out here from the policy rather than read back from the matrix. */
const EXPECTED_ALLOWED: Record<string, Role[]> = {
  commissionPlacement: ['headteacher', 'ap_lead'],
  tickChecklistItem: ['headteacher', 'ap_lead'],
  activatePlacement: ['headteacher', 'ap_lead'],
  updatePlacement: ['headteacher', 'ap_lead'],
  recordSuspension: ['headteacher'],
  proposePartTimeTimetable: ['headteacher', 'ap_lead', 'dsl', 'attendance_officer', 'staff'],
  approvePartTimeTimetable: ['headteacher', 'ap_lead'],
  declinePartTimeTimetable: ['headteacher', 'ap_lead'],
  proposeExtension: ['headteacher', 'ap_lead'],
  recordParentAgreement: ['headteacher', 'ap_lead'],
  logConcern: ['headteacher', 'ap_lead', 'dsl', 'attendance_officer', 'governor', 'staff'],
  recordReview: ['headteacher', 'ap_lead'],
  requestReview: ['headteacher', 'ap_lead', 'dsl'],
  recordQaVisit: ['headteacher', 'ap_lead'],
  renewRiskAssessment: ['headteacher', 'ap_lead'],
  recordProviderDocument: ['headteacher', 'ap_lead'],
  confirmAttendance: ['ap_lead', 'dsl', 'attendance_officer'],
  recordAbsenceFollowUp: ['ap_lead', 'dsl', 'attendance_officer'],
  recordWelfareCheck: ['headteacher', 'ap_lead', 'dsl', 'staff'],
  recordParentNotice: ['headteacher', 'ap_lead'],
  recordLaInformed: ['headteacher', 'ap_lead'],
  recordGovernorApproval: ['headteacher', 'ap_lead', 'governor'],
  recordHomeSchoolAgreement: ['headteacher', 'ap_lead'],
  recordProviderReport: ['headteacher', 'ap_lead'],
  recordReintegrationMeeting: ['headteacher', 'ap_lead'],
  endPlacement: ['headteacher', 'ap_lead'],
  snoozeNudge: ['headteacher', 'ap_lead', 'attendance_officer'],
  reassignOwner: ['headteacher', 'ap_lead'],
};

const cases = [...DECISIONS.keys()].flatMap((decision) =>
  (Object.keys(STAFF_BY_ROLE) as Role[]).map((role) => ({ decision, role, allowed: EXPECTED_ALLOWED[decision]?.includes(role) ?? false })),
);

describe('who may record what', () => {
  it('has a sample and an expectation for every decision', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...DECISIONS.keys()].sort());
    expect(Object.keys(EXPECTED_ALLOWED).sort()).toEqual([...DECISIONS.keys()].sort());
  });

  it.each(cases)('$decision as $role: allowed $allowed', async ({ decision, role, allowed }) => {
    const sample = SAMPLES[decision] as Sample;
    const desk = await aDecisionDesk(sample.placement ? [sample.placement] : []);
    const input = typeof sample.input === 'function' ? sample.input(role) : sample.input;
    const before = sample.placement ? await desk.placement() : undefined;
    const placementId = sample.placement ? 'P-001' : undefined;
    const attempt = desk.run(STAFF_BY_ROLE[role], decision, placementId, input);

    if (allowed) {
      const result = await attempt;
      expect(result.replayed).toBe(false);
      const entries = await desk.stores.audit.list(desk.school.id, { actor: STAFF_BY_ROLE[role] });
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([[decision, 'recorded']]);
      return;
    }
    await expect(attempt).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'not_allowed');
    if (before) expect(await desk.placement()).toEqual(before);
    expect(await desk.stores.placements.list(desk.school.id)).toHaveLength(sample.placement ? 1 : 0);
    expect(await desk.stores.attendance.listForDate(desk.school.id, '2026-02-09')).toEqual([]);
    const entries = await desk.stores.audit.list(desk.school.id, { actor: STAFF_BY_ROLE[role] });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([[`refused:${decision}`, 'refused']]);
  });

  it('follows a school that changes who may do something', async () => {
    const { aSchool } = await import('../fixtures/school.ts');
    const school = aSchool({}, { permissions: { recordQaVisit: ['dsl'] } });
    const desk = await aDecisionDesk([offSite], school);
    await expect(desk.run('s-aplead', 'recordQaVisit', 'P-001', {})).rejects.toThrow(/not allowed/);
    await expect(desk.run('s-dsl', 'recordQaVisit', 'P-001', {})).resolves.toMatchObject({ replayed: false });
  });
});
