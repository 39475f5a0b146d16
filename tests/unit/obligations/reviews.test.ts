import { describe, expect, it } from 'vitest';
import { aPlacement, obligationsOf } from '../../fixtures/placements.ts';

describe('placement review (000 §8.2-8.3, 003 §8)', () => {
  it.each([
    {
      when: 'asks for one review in the current half-term, by its last school day (the INSET day does not count)',
      placement: {},
      at: '2026-02-09T08:00:00Z',
      expected: [{ subject: 'Spring 2026 first half', dueDate: '2026-02-12', stage: 'upcoming' }],
    },
    {
      when: 'is satisfied by a review in the half-term and looks ahead to the next',
      placement: { history: [{ type: 'review', on: '2026-01-20' }] },
      at: '2026-03-02T09:00:00Z',
      expected: [{ subject: 'Spring 2026 second half', dueDate: '2026-03-27', stage: 'scheduled' }],
    },
    {
      when: 'keeps a missed half-term open after the placement crosses into the next',
      placement: { start: '2026-02-02' },
      at: '2026-03-02T09:00:00Z',
      expected: [
        { subject: 'Spring 2026 first half', dueDate: '2026-02-12', stage: 'escalated' },
        { subject: 'Spring 2026 second half', dueDate: '2026-03-27', stage: 'scheduled' },
      ],
    },
    {
      when: 'counts a review held in the half-term break for the half-term after it',
      placement: { start: '2026-02-02', history: [{ type: 'review', on: '2026-02-18' }] },
      at: '2026-03-02T09:00:00Z',
      expected: [{ subject: 'Spring 2026 first half', dueDate: '2026-02-12', stage: 'escalated' }],
    },
    {
      when: 'asks for a review the next school day after a safeguarding concern',
      placement: { history: [{ type: 'review', on: '2026-01-20' }, { type: 'concern', on: '2026-02-10', category: 'safeguarding' }] },
      at: '2026-02-11T09:00:00Z',
      expected: [{ subject: 'safeguarding concern 2026-02-10', dueDate: '2026-02-11', stage: 'due' }],
    },
    {
      when: 'puts the review after a Thursday concern past the INSET day and the break',
      placement: { history: [{ type: 'review', on: '2026-01-20' }, { type: 'concern', on: '2026-02-12', category: 'safeguarding' }] },
      at: '2026-02-12T12:00:00Z',
      expected: [{ subject: 'safeguarding concern 2026-02-12', dueDate: '2026-02-23', stage: 'upcoming' }],
    },
    {
      when: 'gives a parent request ten school days',
      placement: { history: [{ type: 'review', on: '2026-01-20' }, { type: 'review_request', on: '2026-02-02', from: 'parents' }] },
      at: '2026-02-02T12:00:00Z',
      expected: [{ subject: 'requested 2026-02-02', dueDate: '2026-02-24', stage: 'scheduled' }],
    },
    {
      when: 'closes a request once a review is held after it',
      placement: {
        history: [
          { type: 'review_request', on: '2026-01-12' },
          { type: 'review', on: '2026-01-20' },
        ],
      },
      at: '2026-02-02T12:00:00Z',
      expected: [],
    },
    { when: 'asks nothing of an ended placement', placement: { status: 'ended' as const }, at: '2026-03-02T09:00:00Z', expected: [] },
  ])('$when', ({ placement, at, expected }) => {
    expect(obligationsOf(aPlacement(placement), at, 'placement_review')).toEqual(expected);
  });
});

describe('reviews each term', () => {
  it.each([
    {
      when: 'flexi-schooling: the headteacher reviews it each term',
      type: 'flexi_review' as const,
      placement: { kind: 'flexi_schooling' as const, start: '2025-09-10', history: [{ type: 'review', on: '2025-11-05' }] },
      at: '2026-01-12T09:00:00Z',
      expected: [{ subject: 'Spring 2026', dueDate: '2026-03-27', stage: 'scheduled' }],
    },
    {
      when: 'flexi-schooling: a term with no review stays open',
      type: 'flexi_review' as const,
      placement: { kind: 'flexi_schooling' as const, start: '2025-09-10' },
      at: '2026-01-12T09:00:00Z',
      expected: [
        { subject: 'Autumn 2025', dueDate: '2025-12-19', stage: 'escalated' },
        { subject: 'Spring 2026', dueDate: '2026-03-27', stage: 'scheduled' },
      ],
    },
    {
      when: 'home/school agreement: reviewed each term at an off-site provider',
      type: 'home_school_agreement_review' as const,
      placement: { history: [{ type: 'home_school_agreement', on: '2026-01-05' }] },
      at: '2026-04-20T09:00:00Z',
      expected: [{ subject: 'Summer 2026', dueDate: '2026-07-22', stage: 'scheduled' }],
    },
    {
      when: 'home/school agreement: both terms open when never reviewed',
      type: 'home_school_agreement_review' as const,
      placement: { kind: 'off_site_direction' as const },
      at: '2026-04-20T09:00:00Z',
      expected: [
        { subject: 'Spring 2026', dueDate: '2026-03-27', stage: 'escalated' },
        { subject: 'Summer 2026', dueDate: '2026-07-22', stage: 'scheduled' },
      ],
    },
    {
      when: 'provider report: chased each half-term from an off-site provider',
      type: 'provider_report' as const,
      placement: { history: [{ type: 'provider_report', on: '2026-02-10' }] },
      at: '2026-03-02T09:00:00Z',
      expected: [{ subject: 'Spring 2026 second half', dueDate: '2026-03-27', stage: 'scheduled' }],
    },
    {
      when: 'provider report: not asked of a direction',
      type: 'provider_report' as const,
      placement: { kind: 'off_site_direction' as const },
      at: '2026-03-02T09:00:00Z',
      expected: [],
    },
  ])('$when', ({ type, placement, at, expected }) => {
    expect(obligationsOf(aPlacement(placement), at, type)).toEqual(expected);
  });
});

describe('what happened first on the same day: by the instant it was recorded, not the date', () => {
  const onTuesday10Feb = (at: string) => `2026-02-10T${at}:00.000Z`;

  it.each([
    {
      when: 'a review and a risk assessment at 09:00 do not answer a safeguarding concern at 11:00',
      history: [
        { type: 'review', on: '2026-02-10', at: onTuesday10Feb('09:00') },
        { type: 'risk_assessment', on: '2026-02-10', at: onTuesday10Feb('09:05') },
        { type: 'concern', on: '2026-02-10', at: onTuesday10Feb('11:00'), category: 'safeguarding' },
      ],
      review: ['safeguarding concern 2026-02-10'],
      risk: ['safeguarding concern 2026-02-10'],
    },
    {
      when: 'a review and a risk assessment at 14:00 answer a safeguarding concern at 11:00',
      history: [
        { type: 'concern', on: '2026-02-10', at: onTuesday10Feb('11:00'), category: 'safeguarding' },
        { type: 'review', on: '2026-02-10', at: onTuesday10Feb('14:00') },
        { type: 'risk_assessment', on: '2026-02-10', at: onTuesday10Feb('14:05') },
      ],
      review: [],
      risk: [],
    },
    {
      when: 'listed out of order in an import, the instants still decide',
      history: [
        { type: 'review', on: '2026-02-10', at: onTuesday10Feb('14:00') },
        { type: 'concern', on: '2026-02-10', at: onTuesday10Feb('11:00'), category: 'safeguarding' },
        { type: 'risk_assessment', on: '2026-02-10', at: onTuesday10Feb('09:00') },
      ],
      review: [],
      risk: ['safeguarding concern 2026-02-10'],
    },
    {
      when: 'with no instants, the order of the history decides',
      history: [
        { type: 'review', on: '2026-02-10' },
        { type: 'concern', on: '2026-02-10', category: 'safeguarding' },
        { type: 'risk_assessment', on: '2026-02-10' },
      ],
      review: ['safeguarding concern 2026-02-10'],
      risk: [],
    },
  ])('$when', ({ history, review, risk }) => {
    const placement = aPlacement({ history: [{ type: 'review', on: '2026-01-20' }, { type: 'risk_assessment', on: '2026-01-20' }, ...history] });
    const subjects = (type: 'placement_review' | 'pupil_risk_assessment') =>
      obligationsOf(placement, '2026-02-10T15:00:00Z', type)
        .map((o) => o.subject)
        .filter((s) => s?.includes('concern'));
    expect(subjects('placement_review')).toEqual(review);
    expect(subjects('pupil_risk_assessment')).toEqual(risk);
  });

  it.each([
    { when: 'a review at 09:00 does not answer a request made at 10:00', review: '09:00', open: ['requested 2026-02-10'] },
    { when: 'a review at 15:30 answers a request made at 10:00', review: '15:30', open: [] },
    { when: 'a review the next day answers it', review: null, open: [] },
  ])('a review request: $when', ({ review, open }) => {
    const held = review ? { type: 'review', on: '2026-02-10', at: onTuesday10Feb(review) } : { type: 'review', on: '2026-02-11', at: '2026-02-11T09:00:00.000Z' };
    const placement = aPlacement({ history: [held, { type: 'review_request', on: '2026-02-10', at: onTuesday10Feb('10:00'), from: 'parents' }] });
    expect(obligationsOf(placement, '2026-02-11T16:00:00Z', 'placement_review').map((o) => o.subject).filter((s) => s?.startsWith('requested'))).toEqual(open);
  });
});
