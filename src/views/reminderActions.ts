import type { Obligation } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import { routeOf } from '../core/obligations/routes.ts';
import { escalatesAt } from '../core/obligations/stage.ts';
import { localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import { ATTENDANCE_MARKS } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction, type FieldSpec } from './actions.ts';
import { roleName } from './names.ts';
import { sessionOf } from './obligationWords.ts';
import { mayDo, type Verb } from './registry.ts';
import type { ViewAction, Viewer } from './viewModel.ts';
import { todayOf } from './when.ts';

const MARK_TITLES: Record<(typeof ATTENDANCE_MARKS)[number], string> = {
  present: 'Present',
  late: 'Late',
  absent_authorised: 'Absent (authorised)',
  absent_unauthorised: 'Absent (unexplained)',
  not_timetabled: 'Not timetabled',
};

/** Adaptive Card hosts show five actions in a row and silently drop the rest. */
export const MAX_CARD_ACTIONS = 5;

const HOUR_MS = 3_600_000;

const methodField = (options: readonly string[]): FieldSpec => ({ id: 'method', label: 'How', kind: 'choice', required: true, options });

/** The actions that do what an obligation asks, for someone allowed to do them. */
function doIt(o: Obligation, placement: Placement): ReturnType<typeof placementAction>[] {
  // Each button names its obligation: two reminders of one placement never share a press.
  const act = (verb: Verb, title: string, rest: Omit<Parameters<typeof placementAction>[1], 'verb' | 'title'> = {}) =>
    placementAction(placement, { verb, title, style: 'positive', variant: obligationKey(o), ...rest });
  const session = sessionOf(o);
  switch (o.type) {
    case 'placement_review':
    case 'part_time_timetable_review':
    case 'flexi_review':
      return [act('openReviewForm', 'Record the review')];
    case 'attendance_confirmation':
      if (!session) return [];
      // Session by session: one button per mark, the date and session fixed by the reminder.
      return ATTENDANCE_MARKS.filter((m) => m !== 'not_timetabled').map((mark) =>
        placementAction(placement, {
          verb: 'confirmAttendance',
          title: MARK_TITLES[mark],
          style: mark === 'present' ? 'positive' : 'default',
          variant: `${o.subject}:${mark}`,
          input: { ...session, mark },
        }),
      );
    case 'absence_follow_up':
      if (!session) return [];
      return [
        act('recordAbsenceFollowUp', 'Record the follow-up', {
          input: { absenceOn: session.date, session: session.session },
          fields: [{ id: 'contact', label: 'How you reached the family', kind: 'choice', required: true, options: ['phone', 'home_visit', 'message', 'no_contact'] }],
        }),
      ];
    case 'qa_visit':
      return [
        act('recordQaVisit', 'Record the visit', {
          fields: [
            { id: 'on', label: 'Visited on', kind: 'date' },
            { id: 'seen', label: 'What you saw', kind: 'longText', maxLength: 2000 },
            { id: 'actions', label: 'What must change', kind: 'longText', maxLength: 2000 },
          ],
        }),
      ];
    case 'pupil_risk_assessment':
    case 'provider_risk_assessment_renewal':
      return [
        act('renewRiskAssessment', 'Mark as renewed', {
          input: { subject: o.type === 'pupil_risk_assessment' ? 'pupil' : 'provider' },
          fields: [
            { id: 'on', label: 'Renewed on', kind: 'date' },
            { id: 'documentUrl', label: 'Link to the document', kind: 'text', maxLength: 2000, placeholder: 'https://…' },
          ],
        }),
      ];
    case 'provider_document_expiry':
      return [
        act('recordProviderDocument', 'Record the new document', {
          input: { documentType: o.subject ?? '' },
          fields: [{ id: 'expires', label: 'New expiry date', kind: 'date', required: true }],
        }),
      ];
    case 'part_time_timetable_approval':
      return [
        act('approvePartTimeTimetable', 'Approve'),
        placementAction(placement, {
          verb: 'declinePartTimeTimetable',
          variant: obligationKey(o),
          title: 'Decline',
          style: 'destructive',
          fields: [{ id: 'reason', label: 'Why not', kind: 'longText', required: true, maxLength: 1000 }],
        }),
      ];
    case 'part_time_timetable_end_decision':
    case 'placement_past_end':
      return [act('openEndPlacementForm', 'End the placement')];
    case 'welfare_check':
      return [act('recordWelfareCheck', 'Record the check', { fields: [methodField(['phone', 'home_visit', 'video', 'in_school'])] })];
    case 'off_site_direction_parent_notice':
    case 'suspension_parent_information':
      return [act('recordParentNotice', 'Parents told', { fields: [methodField(['letter', 'email', 'hand_delivered', 'meeting'])] })];
    case 'home_school_agreement_review':
      return [act('recordHomeSchoolAgreement', 'Mark as reviewed')];
    case 'off_site_direction_approval':
      return [act('recordGovernorApproval', 'Governors approved')];
    case 'la_informed':
      return [act('recordLaInformed', 'Mark as told')];
    case 'reintegration_meeting':
      return [act('recordReintegrationMeeting', 'Meeting held')];
    case 'provider_report':
      return [act('recordProviderReport', 'Report received')];
    case 'suspension_provision_start':
      return [];
  }
}

/**
 * When a snooze may end: a later school day, or for a duty that escalates at the end of its own
 * day (attendance) a time before then, the last choice being the escalation itself.
 */
function snoozeUntilField(o: Obligation, school: School, now: Date): FieldSpec {
  const limit = escalatesAt(o, school);
  if (!limit || routeOf(o.type).escalates !== 'end_of_day')
    return { id: 'until', label: 'Remind me again on', kind: 'date', required: true, value: school.calendar.addSchoolDays(todayOf(now, school), 1) };
  const { timezone } = school.config.school;
  const date = localDateOf(limit, timezone);
  const times: string[] = [];
  for (let t = new Date(Math.floor(now.getTime() / HOUR_MS + 1) * HOUR_MS); t < limit; t = new Date(t.getTime() + HOUR_MS)) times.push(localTimeOf(t, timezone));
  times.push(localTimeOf(limit, timezone));
  const options = times.map((time) => ({ value: `${date}T${time}`, title: time }));
  return { id: 'until', label: 'Remind me again at', kind: 'choice', required: true, options, value: options[0]?.value };
}

/**
 * Everything a reminder offers the viewer: what the obligation asks for, then snooze (the owner
 * or headteacher, before it escalates) and reassign (to someone else holding the owner's role)
 * while there is room: an attendance reminder's four marks and snooze fill the row.
 */
export function reminderActions(o: Obligation, placement: Placement, school: School, viewer: Viewer, now: Date): ViewAction[] {
  const actions = doIt(o, placement).filter((a) => mayDo(viewer, a.verb, school));
  const key = obligationKey(o);

  const owner = viewer.roles.includes(o.ownerRole) || viewer.roles.includes('headteacher');
  if (o.stage !== 'escalated' && owner && mayDo(viewer, 'snoozeNudge', school))
    actions.push(
      placementAction(placement, {
        verb: 'snoozeNudge',
        title: 'Snooze',
        variant: key,
        input: { obligation: key },
        fields: [snoozeUntilField(o, school, now), { id: 'reason', label: 'Why wait', kind: 'text', required: true, maxLength: 500 }],
      }),
    );

  const current = placement.owners?.[o.ownerRole];
  const others = school.config.staff.filter((s) => s.roles.includes(o.ownerRole) && s.id !== current);
  if (others.length > 0 && actions.length < MAX_CARD_ACTIONS && mayDo(viewer, 'reassignOwner', school))
    actions.push(
      placementAction(placement, {
        verb: 'reassignOwner',
        title: 'Reassign',
        variant: key,
        input: { role: o.ownerRole },
        fields: [
          {
            id: 'to',
            label: `Who should own the ${roleName(o.ownerRole)}'s reminders`,
            kind: 'choice',
            required: true,
            options: others.map((s) => ({ value: s.id, title: s.name })),
          },
        ],
      }),
    );
  return actions;
}
