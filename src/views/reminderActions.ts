import type { Obligation } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import { ABSENCE_CODES, ABSENCE_DSL_ACTIONS, ATTENDANCE_MARKS, FOLLOW_UP_METHODS, QA_CHECKS, QA_OUTCOMES, RISK_LEVELS } from '../core/placement/events.ts';
import { concernActions, concernBySubject } from './concernActions.ts';
import { routeOf } from '../core/obligations/routes.ts';
import { escalatesAt } from '../core/obligations/stage.ts';
import { localDateOf, localTimeOf } from '../core/calendar/localTime.ts';
import type { Placement } from '../core/placement/placement.ts';
import { staffWhoCanOwn } from '../core/policy/owners.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction, type FieldSpec } from './actions.ts';
import { roleName } from './names.ts';
import { sessionOf } from './obligationWords.ts';
import { mayDo, type Verb } from './registry.ts';
import type { ViewAction, Viewer } from './viewModel.ts';
import { todayOf } from './when.ts';

export const MARK_TITLES: Record<(typeof ATTENDANCE_MARKS)[number], string> = {
  present: 'Present',
  late: 'Late',
  absent_authorised: 'Absent (authorised)',
  absent_unauthorised: 'Absent (unexplained)',
  not_timetabled: 'Not timetabled',
};

/** Adaptive Card hosts show five actions in a row and silently drop the rest. */
export const MAX_CARD_ACTIONS = 5;

const QA_CHECK_TITLES: Record<(typeof QA_CHECKS)[number], string> = {
  teaching: 'Teaching',
  safeguarding: 'Safeguarding',
  attendance_registers: 'Attendance registers',
  premises: 'Premises and health and safety',
  pupil_views: "The pupil's views",
  learning_plan: 'Progress against the learning plan',
};

const ABSENCE_CODE_TITLES: Record<(typeof ABSENCE_CODES)[number], string> = {
  I: 'I: illness',
  M: 'M: medical or dental appointment',
  C: 'C: other authorised circumstances',
  E: 'E: suspended or excluded',
  G: 'G: holiday not agreed',
  O: 'O: unauthorised, other',
  N: 'N: no reason yet',
};

const ABSENCE_DSL_ACTION_TITLES: Record<(typeof ABSENCE_DSL_ACTIONS)[number], string> = {
  home_visit: 'A home visit',
  childrens_social_care: "Refer to children's social care",
  child_missing_education: 'Report as a child missing education',
  police: 'Call the police',
};

/** 001 §10: who was contacted, when, how and what came of it; the reason and code, or what happens next. */
const ABSENCE_FOLLOW_UP_FIELDS: FieldSpec[] = [
  { id: 'on', label: 'When', kind: 'date', required: true },
  { id: 'contacted', label: 'Who you contacted, or tried to', kind: 'text', required: true, maxLength: 200, placeholder: 'For example: mother' },
  { id: 'method', label: 'How', kind: 'choice', required: true, options: FOLLOW_UP_METHODS },
  {
    id: 'outcome',
    label: 'Outcome',
    kind: 'choice',
    required: true,
    options: [
      { value: 'contact_made', title: 'Contact made' },
      { value: 'no_contact', title: 'No contact' },
    ],
  },
  { id: 'reason', label: 'If contact was made: the reason given', kind: 'text', maxLength: 1000 },
  { id: 'attendanceCode', label: 'If contact was made: the register code', kind: 'choice', options: ABSENCE_CODES.map((c) => ({ value: c, title: ABSENCE_CODE_TITLES[c] })) },
  {
    id: 'nextStep',
    label: 'If no contact: the next step',
    kind: 'choice',
    options: [
      { value: 'call_again', title: 'Call again' },
      { value: 'home_visit', title: 'A home visit' },
      { value: 'dsl_to_decide', title: 'The DSL decides' },
    ],
  },
];

const HOUR_MS = 3_600_000;

const methodField = (options: readonly string[]): FieldSpec => ({ id: 'method', label: 'How', kind: 'choice', required: true, options });

/** The actions that do what an obligation asks, for someone allowed to do them. */
function doIt(o: Obligation, placement: Placement, school: School, now: Date): ReturnType<typeof placementAction>[] {
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
          fields: ABSENCE_FOLLOW_UP_FIELDS,
        }),
        act('recordAbsenceDecision', 'DSL decision', {
          style: 'default',
          variant: o.subject ?? undefined,
          input: { absenceOn: session.date, session: session.session },
          fields: [
            { id: 'action', label: 'What happens next', kind: 'choice', required: true, options: ABSENCE_DSL_ACTIONS.map((a) => ({ value: a, title: ABSENCE_DSL_ACTION_TITLES[a] })) },
            { id: 'rationale', label: 'Why', kind: 'longText', required: true, maxLength: 3000, errorMessage: 'Give the reason for the decision' },
          ],
        }),
      ];
    case 'qa_visit':
      return [
        act('recordQaVisit', 'Record the visit', {
          fields: [
            { id: 'on', label: 'Visited on', kind: 'date', required: true, value: todayOf(now, school) },
            { id: 'visitedBy', label: 'Who visited', kind: 'text', required: true, maxLength: 200 },
            { id: 'checked', label: 'What was checked', kind: 'multiChoice', required: true, options: QA_CHECKS.map((c) => ({ value: c, title: QA_CHECK_TITLES[c] })) },
            { id: 'outcome', label: 'Outcome', kind: 'choice', required: true, options: QA_OUTCOMES },
            { id: 'actions', label: 'Actions agreed', kind: 'longText', required: true, maxLength: 2000, placeholder: 'Or "none"' },
            { id: 'seen', label: 'What you saw', kind: 'longText', maxLength: 2000 },
          ],
        }),
      ];
    case 'pupil_risk_assessment':
    case 'provider_risk_assessment_renewal':
      return [
        act('renewRiskAssessment', 'Mark as renewed', {
          input: { subject: o.type === 'pupil_risk_assessment' ? 'pupil' : 'provider' },
          fields: [
            { id: 'on', label: 'Assessed on', kind: 'date', required: true, value: todayOf(now, school) },
            { id: 'assessedBy', label: 'Assessed by', kind: 'text', required: true, maxLength: 200 },
            { id: 'level', label: 'Level of risk', kind: 'choice', required: true, options: RISK_LEVELS },
            { id: 'nextReviewOn', label: 'Next review on', kind: 'date', required: true },
            { id: 'documentUrl', label: 'Link to the document', kind: 'text', maxLength: 2000, placeholder: 'https://…' },
          ],
        }),
      ];
    case 'concern_acknowledgement':
    case 'concern_decision': {
      const concern = concernBySubject(placement, o.subject);
      if (!concern) return [];
      return concernActions(placement, concern);
    }
    case 'placement_start':
      return [act('activatePlacement', 'Start the placement')];
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

/** What a reminder offers the viewer in one press, nothing to type: a row of a list shows these. */
export function onePressActions(o: Obligation, placement: Placement, school: School, viewer: Viewer, now: Date): ViewAction[] {
  return doIt(o, placement, school, now).filter((a) => a.fields.length === 0 && mayDo(viewer, a.verb, school));
}

/**
 * Everything a reminder offers the viewer: what the obligation asks for, then snooze (the owner
 * or headteacher, before it escalates) and reassign (to anyone else who can own the duty)
 * while there is room: an attendance reminder's four marks and snooze fill the row.
 */
export function reminderActions(o: Obligation, placement: Placement, school: School, viewer: Viewer, now: Date): ViewAction[] {
  const actions = doIt(o, placement, school, now).filter((a) => mayDo(viewer, a.verb, school));
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

  // Everyone who can own the duty, except the one person who owns it now (nobody named: every holder of the role).
  const named = placement.owners?.[o.ownerRole];
  const holders = school.config.staff.filter((s) => s.roles.includes(o.ownerRole));
  const soleOwner = named ?? (holders.length === 1 ? holders[0]?.id : undefined);
  const others = staffWhoCanOwn(school, o.ownerRole).filter((s) => s.id !== soleOwner);
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
