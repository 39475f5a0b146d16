import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { forTeamChannel } from '../../src/core/obligations/audience.ts';
import { AppError, ErrorCode } from '../../src/core/errors.ts';
import { compareObligations, deriveObligations } from '../../src/core/obligations/deriveObligations.ts';
import type { Obligation } from '../../src/core/obligations/obligation.ts';
import type { EventOf } from '../../src/core/placement/events.ts';
import type { Placement } from '../../src/core/placement/placement.ts';
import type { School } from '../../src/core/policy/schoolConfig.ts';
import { approvalRequest } from '../../src/views/approvalRequest.ts';
import { checklist } from '../../src/views/checklist.ts';
import { newPlacementForm, timetableProposalForm } from '../../src/views/newPlacementForm.ts';
import type { CardView } from '../../src/views/card.ts';
import { audienceAt } from '../../src/core/obligations/audience.ts';
import { concernAlert } from '../../src/views/concernAlert.ts';
import { concernForm } from '../../src/views/concernForm.ts';
import { digest, type DueItem } from '../../src/views/digest.ts';
import { done } from '../../src/views/done.ts';
import { endPlacementForm } from '../../src/views/endPlacementForm.ts';
import { errorView } from '../../src/views/error.ts';
import { placementList } from '../../src/views/placementList.ts';
import { placementSummary } from '../../src/views/placementSummary.ts';
import { reminder } from '../../src/views/reminder.ts';
import { reviewForm } from '../../src/views/reviewForm.ts';
import { spreadsheetCancelled, spreadsheetDryRun, spreadsheetImported, type ImportRowLine } from '../../src/views/spreadsheetImport.ts';
import { teamOverview } from '../../src/views/teamOverview.ts';
import type { Viewer } from '../../src/views/viewModel.ts';
import { aPlacement } from '../fixtures/placements.ts';
import { aSchool } from '../fixtures/school.ts';

/** Tue 10 Feb 2026, 11:00 in London: mid-morning, the AM attendance cut-off passed. */
export const NOW = new Date('2026-02-10T11:00:00Z');

const exampleStaff = (parse(readFileSync(new URL('../../examples/school.yaml', import.meta.url), 'utf8')) as { staff: unknown[] }).staff;

/** The example school with a second AP lead, so reminders can be reassigned. */
export function cardSchool(): School {
  return aSchool({}, { staff: [...exampleStaff, { id: 's-aplead2', name: 'Mr T Owens', roles: ['ap_lead'] }] });
}

export const viewers = {
  apLead: { staffId: 's-aplead', roles: ['ap_lead'] },
  head: { staffId: 's-head', roles: ['headteacher'] },
  dsl: { staffId: 's-dsl', roles: ['dsl'] },
  attendance: { staffId: 's-attendance', roles: ['attendance_officer'] },
  teacher: { staffId: 's-teacher', roles: ['staff'] },
} satisfies Record<string, Viewer>;

export const CONCERN_DETAILS = 'JS told a member of provider staff that an older pupil has been taking his bus money on the way in.';

const stamp = (by: string, on: string) => ({ by, on, at: `${on}T09:30:00.000Z`, key: `k-${on}-${by}` });

/** Riverside Farm from Mon 5 Jan, reviewed in January, with a safeguarding concern yesterday. */
export function farmPlacement(overrides: Record<string, unknown> = {}): Placement {
  return aPlacement({
    version: 7,
    history: [
      { type: 'commissioned', ...stamp('s-aplead', '2026-01-02') },
      { type: 'activated', ...stamp('s-aplead', '2026-01-05') },
      { type: 'review', ...stamp('s-aplead', '2026-01-20') },
      { type: 'qa_visit', ...stamp('s-aplead', '2026-01-28') },
      { type: 'concern', category: 'safeguarding', details: CONCERN_DETAILS, ...stamp('s-teacher', '2026-02-09') },
    ],
    ...overrides,
  });
}

/** Proposed by a teacher, approved by the AP lead, waiting for the headteacher. */
export function pttPlacement(): Placement {
  return aPlacement({
    id: 'P-PTT-1',
    kind: 'part_time_timetable',
    status: 'proposed',
    pupil: { ref: 'Y8-0107', initials: 'AB' },
    provider: undefined,
    start: '2026-02-23',
    end: '2026-03-20',
    timetable: { mon: ['am', 'pm'], tue: ['am'], wed: ['am'], thu: [], fri: ['pm'] },
    reason: 'Anxiety after a long illness; a gradual return agreed with the family and the school nurse.',
    proposedBy: 's-teacher',
    version: 2,
    history: [
      { type: 'commissioned', ...stamp('s-teacher', '2026-02-05') },
      { type: 'approval', role: 'ap_lead', ...stamp('s-aplead', '2026-02-06') },
    ],
  });
}

/** Commissioned last week for a looked-after pupil, two checks ticked. */
export function newPlacement(): Placement {
  return aPlacement({
    id: 'P-NEW-1',
    status: 'proposed',
    pupil: { ref: 'Y10-0007', initials: 'KT', lookedAfter: true },
    start: '2026-03-02',
    version: 3,
    history: [
      { type: 'commissioned', ...stamp('s-aplead', '2026-02-03') },
      { type: 'checklist_item', item: 'provider_registration_checked', ...stamp('s-aplead', '2026-02-04') },
      { type: 'checklist_item', item: 'la_informed', ...stamp('s-aplead', '2026-02-05') },
    ],
  });
}

export function obligationOf(placement: Placement, school: School, match: (o: Obligation) => boolean): Obligation {
  const found = deriveObligations(placement, school, NOW).find(match);
  if (!found) throw new Error('fixture: no such obligation');
  return found;
}

/** Everything open across n pupils at Riverside Farm, as a digest for the attendance officer. */
export function manyDue(school: School, pupils: number): DueItem[] {
  return Array.from({ length: pupils }, (_, i) => farmPlacement({ id: `P-${100 + i}`, pupil: { ref: `Y9-${1000 + i}`, initials: 'JS' } })).flatMap((placement) =>
    deriveObligations(placement, school, NOW)
      .filter((o) => o.stage !== 'scheduled')
      .map((obligation) => ({ placement, obligation })),
  );
}

export function concernOf(placement: Placement): EventOf<'concern'> {
  const concern = placement.history.find((e): e is EventOf<'concern'> => e.type === 'concern');
  if (!concern) throw new Error('fixture: no concern');
  return concern;
}

/** A spreadsheet's rows as the import reads them: a few to change, and (with `refusing`) every tenth refused. */
export function importRows(count: number, refusing = false): ImportRowLine[] {
  return Array.from({ length: count }, (_, i): ImportRowLine => {
    const row = i + 2;
    const pupil = { ref: `Y9-${4000 + i}`, initials: 'AB' };
    if (refusing && i % 10 === 3) return { row, outcome: 'refused', pupil, detail: 'start: 31/02/2026 is not a date in the calendar; provider: "Hilltop Stables" is not a provider the bot knows' };
    if (i % 4 === 1) return { row, outcome: 'updated', pupil, detail: 'end 2026-03-27 → 2026-07-22' };
    if (i % 4 === 2) return { row, outcome: 'unchanged', pupil, detail: 'off-site AP at Riverside Farm, 2026-01-05 to open' };
    return { row, outcome: 'created', pupil, detail: 'off-site AP at Riverside Farm, 2026-01-12 to 2026-07-22' };
  });
}

/** One filled view model per card (and a few variants), as the fixtures every card test renders. */
export function cardViews() {
  const school = cardSchool();
  const farm = farmPlacement();
  const ptt = pttPlacement();
  const review = obligationOf(farm, school, (o) => o.type === 'placement_review' && o.subject === 'safeguarding concern 2026-02-09');
  const session = obligationOf(farm, school, (o) => o.type === 'attendance_confirmation' && o.subject === '2026-02-10 am');
  return {
    reminder: reminder(farm, review, school, NOW, viewers.apLead),
    reminderAttendance: reminder(farm, session, school, NOW, viewers.attendance),
    digest: digest(manyDue(school, 3), school, NOW, viewers.attendance),
    // The DSL's own list: what they own, and what is passed up to them, marked.
    dslDigest: digest(
      deriveObligations(farm, school, NOW).flatMap((obligation) => {
        const involvement = obligation.stage === 'scheduled' ? undefined : audienceAt(school)(farm, obligation).get('s-dsl');
        return involvement ? [{ placement: farm, obligation, involvement }] : [];
      }),
      school,
      NOW,
      viewers.dsl,
    ),
    attendanceList: digest(
      manyDue(school, 3).filter(({ obligation: o }) => o.type === 'attendance_confirmation' && o.subject === '2026-02-10 am'),
      school,
      NOW,
      viewers.attendance,
      0,
      { date: '2026-02-10', session: 'am' },
    ),
    approvalRequest: approvalRequest(ptt, school, NOW, viewers.head),
    concernForm: concernForm(farm, school, NOW, viewers.teacher),
    concernAlert: concernAlert(farm, concernOf(farm), school, NOW, viewers.dsl),
    reviewForm: reviewForm(farm, school, NOW, viewers.apLead),
    endPlacementForm: endPlacementForm(farm, school, NOW, viewers.apLead),
    placementSummary: placementSummary(farm, school, NOW, viewers.apLead),
    done: done('recordReview', farm, 's-aplead', NOW, school),
    error: errorView(new AppError(ErrorCode.InvalidInput, 'That review needs a little more.', ['progress: say how it is going against the objectives']), 'INC-7F3A'),
    teamOverview: teamOverview(
      // As the morning job lists them: a provider's check once, however many pupils are there.
      manyDue(school, 3)
        .filter(({ obligation }) => forTeamChannel(obligation))
        .filter(({ obligation: o }, i, all) => o.providerId === null || all.findIndex((d) => d.obligation.type === o.type && d.obligation.providerId === o.providerId) === i)
        .sort((a, b) => compareObligations(a.obligation, b.obligation)),
      school,
      NOW,
    ),
    placementList: placementList(
      Array.from({ length: 25 }, (_, i) => farmPlacement({ id: `P-${200 + i}`, pupil: { ref: `Y10-${2000 + i}`, initials: 'KM' }, ...(i % 3 === 0 ? { kind: 'part_time_timetable', provider: undefined } : {}) })).map((placement) => ({
        placement,
        obligations: deriveObligations(placement, school, NOW),
      })),
      viewers.head,
    ),
    errorIncident: errorView(new Error('socket hang up'), 'INC-7F3A'),
    checklist: checklist(newPlacement(), school, NOW, viewers.apLead, 'Ms R Okafor set up the placement'),
    newPlacementForm: newPlacementForm(school, NOW, viewers.apLead, 'card-1'),
    timetableProposalForm: timetableProposalForm(school, NOW, viewers.teacher, 'card-2'),
    spreadsheetImport: spreadsheetDryRun('placements.csv', { rows: importRows(6), ignoredColumns: ['Date of Birth'] }, '0123456789abcdef01234567', new Date(NOW.getTime() + 30 * 60_000), school),
    spreadsheetImportRefused: spreadsheetDryRun('arbor-export.csv', { rows: importRows(40, true), ignoredColumns: [] }, undefined, NOW, school),
    spreadsheetImported: spreadsheetImported('placements.csv', { rows: importRows(6), ignoredColumns: [] }, 4, 's-aplead', NOW, school),
    spreadsheetImportCancelled: spreadsheetCancelled('placements.csv', viewers.apLead, NOW, school),
  } satisfies Record<string, CardView>;
}
