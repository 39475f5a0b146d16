import { describe, expect, it } from 'vitest';
import { forTeamChannel, isSafeguarding } from '../../../src/core/obligations/audience.ts';
import { deriveObligations } from '../../../src/core/obligations/deriveObligations.ts';
import type { Obligation } from '../../../src/core/obligations/obligation.ts';
import { aPlacement } from '../../fixtures/placements.ts';
import { aSchool } from '../../fixtures/school.ts';

const school = aSchool();
/** Tue 10 Feb 2026, 11:00 in London. */
const NOW = new Date('2026-02-10T11:00:00Z');
const concern = (category: string, on: string) => ({ type: 'concern', category, on, by: 's-teacher', at: `${on}T09:30:00.000Z`, key: `k-${on}` });

describe('what an obligation is about, as fields', () => {
  it('says a review a safeguarding concern set off is a safeguarding matter raised by a concern', () => {
    const review = deriveObligations(aPlacement({ history: [concern('safeguarding', '2026-02-09')] }), school, NOW).find((o) => o.type === 'placement_review' && o.raisedBy === 'concern');
    expect(review).toMatchObject({ safeguarding: true, raisedBy: 'concern', session: null });
  });

  it('says a risk assessment a behaviour concern set off was raised by a concern, though not safeguarding', () => {
    const assessment = deriveObligations(aPlacement({ history: [concern('behaviour', '2026-02-09')] }), school, NOW).find((o) => o.type === 'pupil_risk_assessment' && o.raisedBy === 'concern');
    expect(assessment).toMatchObject({ safeguarding: false, raisedBy: 'concern' });
  });

  it('gives each attendance session its date and session', () => {
    const sessions = deriveObligations(aPlacement(), school, NOW).filter((o) => o.type === 'attendance_confirmation');
    expect(sessions.length).toBeGreaterThan(0);
    for (const o of sessions) expect(o.session).toEqual({ date: o.dueDate, session: expect.stringMatching(/^(am|pm)$/) });
  });
});

describe('the AP team channel decides from those fields, not from words', () => {
  const routine: Obligation = {
    placementId: 'P-001',
    providerId: 'riverside',
    type: 'provider_document_expiry',
    // A document a school might well name this way: the words alone decide nothing.
    subject: 'safeguarding concern policy',
    ownerRole: 'ap_lead',
    escalateToRole: 'headteacher',
    dueDate: '2026-02-10',
    dueAt: new Date('2026-02-10T15:15:00Z'),
    stage: 'due',
    safeguarding: false,
    raisedBy: null,
    session: null,
  };

  it('shows a routine duty due today, whatever its subject says', () => {
    expect(isSafeguarding(routine)).toBe(false);
    expect(forTeamChannel(routine)).toBe(true);
  });

  const as = (changes: Partial<Obligation>): Obligation => ({ ...routine, ...changes });

  it('keeps out anything a concern set off, and any safeguarding matter', () => {
    expect(forTeamChannel(as({ subject: 'Spring 2026 first half', raisedBy: 'concern' }))).toBe(false);
    expect(forTeamChannel(as({ subject: null, safeguarding: true }))).toBe(false);
    expect(forTeamChannel(as({ raisedBy: 'request' }))).toBe(true);
  });
});
