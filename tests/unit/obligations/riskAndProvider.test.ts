import { describe, expect, it } from 'vitest';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

describe('pupil risk assessment (000 §4.3, 002 §5)', () => {
  it.each([
    {
      when: 'is due the last school day before the start, stepping over the May bank holiday',
      placement: { status: 'proposed' as const, start: '2026-05-06' },
      at: '2026-04-27T09:00:00Z',
      expected: [{ subject: 'before start', dueDate: '2026-05-05', stage: 'upcoming' }],
    },
    {
      when: 'is due before Christmas for a January start',
      placement: { status: 'proposed' as const, start: '2026-01-05' },
      at: '2025-12-01T09:00:00Z',
      expected: [{ subject: 'before start', dueDate: '2025-12-19', stage: 'scheduled' }],
    },
    {
      when: 'counts an assessment done in the holiday for the first half-term, then asks again the next',
      placement: { history: [{ type: 'risk_assessment', on: '2026-01-02' }] },
      at: '2026-03-02T09:00:00Z',
      expected: [{ subject: 'Spring 2026 second half', dueDate: '2026-03-27', stage: 'scheduled' }],
    },
    {
      when: 'is due the next school day after any concern',
      placement: {
        history: [
          { type: 'risk_assessment', on: '2026-01-02' },
          { type: 'risk_assessment', on: '2026-02-23' },
          { type: 'concern', on: '2026-03-04', category: 'behaviour' },
        ],
      },
      at: '2026-03-04T12:00:00Z',
      expected: [{ subject: 'behaviour concern 2026-03-04', dueDate: '2026-03-05', stage: 'upcoming' }],
    },
  ])('$when', ({ placement, at, expected }) => {
    expect(obligationsOf(aPlacement(placement), at, 'pupil_risk_assessment')).toEqual(expected);
  });
});

describe("provider's risk assessment, renewed every 12 months (000 §7.8-7.9)", () => {
  it.each([
    {
      when: 'one dated 29 February falls due on 28 February a year later',
      provider: { riskAssessmentOn: '2024-02-29' },
      history: [],
      at: '2025-02-03T09:00:00Z',
      dueDate: '2025-02-28',
    },
    {
      when: 'a renewal recorded since moves the next one on',
      provider: { riskAssessmentOn: '2025-03-10' },
      history: [{ type: 'provider_risk_assessment', on: '2026-01-15' }],
      at: '2026-02-09T09:00:00Z',
      dueDate: '2027-01-15',
    },
    {
      when: 'a provider with none on record needs one the school day before the start',
      provider: {},
      history: [],
      at: '2025-12-01T09:00:00Z',
      dueDate: '2025-12-19',
    },
  ])('$when', ({ provider, history, at, dueDate }) => {
    const placement = aPlacement({ status: 'proposed', provider: { id: 'PR-7', name: 'Riverside Farm', ...provider }, history });
    expect(obligationsOf(placement, at, 'provider_risk_assessment_renewal').map((o) => o.dueDate)).toEqual([dueDate]);
  });
});

describe('provider documents that expire (002 App E)', () => {
  const withDocuments = (documents: { type: string; expires: string }[], history: object[] = []) =>
    aPlacement({ provider: { id: 'PR-7', name: 'Riverside Farm', documents }, history: history });

  it.each([
    { when: 'more than 30 days ahead it is only scheduled', at: '2026-02-09T09:00:00Z', stage: 'scheduled' },
    { when: 'within 30 calendar days it is upcoming', at: '2026-03-02T09:00:00Z', stage: 'upcoming' },
    { when: 'on the day it expires it is due', at: '2026-03-31T09:00:00Z', stage: 'due' },
  ])('insurance expiring 31 March: $when', ({ at, stage }) => {
    expect(obligationsOf(withDocuments([{ type: 'insurance', expires: '2026-03-31' }]), at, 'provider_document_expiry')).toEqual([
      { subject: 'insurance', dueDate: '2026-03-31', stage },
    ]);
  });

  it('keeps an expiry on a Sunday on that Sunday', () => {
    const placement = withDocuments([{ type: 'safeguarding_training', expires: '2026-03-01' }]);
    expect(obligationsOf(placement, '2026-02-09T09:00:00Z', 'provider_document_expiry')[0]?.dueDate).toBe('2026-03-01');
  });

  it('follows a renewed document to its new expiry', () => {
    const placement = withDocuments(
      [{ type: 'insurance', expires: '2026-03-31' }],
      [{ type: 'provider_document', on: '2026-03-10', documentType: 'insurance', expires: '2027-03-31' }],
    );
    expect(obligationsOf(placement, '2026-03-12T09:00:00Z', 'provider_document_expiry')).toEqual([
      { subject: 'insurance', dueDate: '2027-03-31', stage: 'scheduled' },
    ]);
  });
});

describe('quality-assurance visits', () => {
  const monday = { mon: ['am'], tue: [], wed: [], thu: [], fri: [] };

  it.each([
    { when: 'full-time: the tenth session comes before a month is up', timetable: undefined, history: [], dueDate: '2026-01-09' },
    { when: 'one session a week: a month after the start comes first', timetable: monday, history: [], dueDate: '2026-02-05' },
    {
      when: 'full-time: ten sessions after the last visit',
      timetable: undefined,
      history: [{ type: 'qa_visit', on: '2026-01-28' }],
      dueDate: '2026-02-04',
    },
  ])('monthly or every 10 sessions, whichever is sooner (001 §5.4): $when', ({ timetable, history, dueDate }) => {
    const placement = aPlacement({ timetable, history: history });
    expect(obligationsOf(placement, '2026-01-05T09:00:00Z', 'qa_visit').map((o) => o.dueDate)).toEqual([dueDate]);
  });

  it.each([
    {
      when: 'an unregistered provider is visited each half-term',
      ofstedRegistered: false,
      expected: [{ subject: 'Spring 2026 second half', dueDate: '2026-03-27', stage: 'scheduled' }],
    },
    {
      when: 'an Ofsted-registered provider is visited each term',
      ofstedRegistered: true,
      expected: [],
    },
  ])('termly if registered, else half-termly (002 §4.1): $when', ({ ofstedRegistered, expected }) => {
    const school = aSchool({ qaVisitRule: 'termly_if_registered_else_half_termly' });
    const placement = aPlacement({
      provider: { id: 'PR-7', name: 'Riverside Farm', ofstedRegistered },
      history: [{ type: 'qa_visit', on: '2026-01-20' }],
    });
    expect(obligationsOf(placement, '2026-03-02T09:00:00Z', 'qa_visit', school)).toEqual(expected);
  });

  it.each([
    { when: 'a visit in each term', history: [{ type: 'qa_visit', on: '2026-03-01' }], expected: ['Summer 2026'] },
    { when: 'a term without one stays open', history: [], expected: ['Spring 2026', 'Summer 2026'] },
  ])('three a year (004): $when', ({ history, expected }) => {
    const school = aSchool({ qaVisitRule: 'three_per_year' });
    const placement = aPlacement({ history: history });
    expect(obligationsOf(placement, '2026-04-20T09:00:00Z', 'qa_visit', school).map((o) => o.subject)).toEqual(expected);
  });
});

describe('a QA visit every 10 sessions counts the sessions the pupil attends (001 §5.4)', () => {
  // Starts Mon 2 Mar 2026. A fortnight before, Mon 16 Feb, is the half-term break: the provider is open, the school is not.
  const startingMonday2March = (timetable: object | undefined, visitedOn: string) =>
    aPlacement({ start: '2026-03-02', timetable, history: [{ type: 'qa_visit', on: visitedOn }] });
  const mornings = { mon: ['am'], tue: ['am'], wed: ['am'], thu: ['am'], fri: ['am'] };
  const monday = { mon: ['am'], tue: [], wed: [], thu: [], fri: [] };

  it.each([
    { when: 'full-time, visited a fortnight before the start: the tenth session is Fri 6 Mar', timetable: undefined, visitedOn: '2026-02-16', dueDate: '2026-03-06' },
    { when: 'mornings only, visited a fortnight before: five a week, the tenth is Fri 13 Mar', timetable: mornings, visitedOn: '2026-02-16', dueDate: '2026-03-13' },
    { when: 'one session a week, visited a fortnight before: a month after the start, Thu 2 Apr', timetable: monday, visitedOn: '2026-02-16', dueDate: '2026-04-02' },
    { when: 'full-time, visited on the first day: ten sessions from Tue 3 Mar, the tenth on Mon 9 Mar', timetable: undefined, visitedOn: '2026-03-02', dueDate: '2026-03-09' },
  ])('$when', ({ timetable, visitedOn, dueDate }) => {
    expect(obligationsOf(startingMonday2March(timetable, visitedOn), '2026-02-23T09:00:00Z', 'qa_visit').map((o) => o.dueDate)).toEqual([dueDate]);
  });
});
