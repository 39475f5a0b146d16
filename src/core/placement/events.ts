import { z } from 'zod';
import { localDate } from '../validation.ts';
import { ROLES } from '../policy/roles.ts';

export const CONCERN_CATEGORIES = ['safeguarding', 'behaviour', 'attendance', 'health_safety', 'progress'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const ATTENDANCE_MARKS = ['present', 'late', 'absent_authorised', 'absent_unauthorised', 'not_timetabled'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

export const CHECKLIST_ITEMS = [
  'provider_registration_checked',
  'provider_safeguarding_confirmed',
  'provider_risk_assessment',
  'pupil_risk_assessment',
  'written_agreement',
  'learning_plan',
  'parents_consulted',
  'la_informed',
  'virtual_school_head_informed',
  'social_worker_informed',
  'sen_officer_informed',
  'free_school_meals_arranged',
  'transport_arranged',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const END_REASONS = ['reintegrated', 'specialist_provision', 'safeguarding', 'non_attendance', 'planned_end', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const REVIEW_OUTCOMES = ['continue', 'change', 'plan_reintegration', 'end'] as const;

/**
 * Every event says what happened and on which school-local date. Events recorded through the bot
 * also carry who (`by`, a staff id), when it was recorded (`at`) and the decision's idempotency `key`.
 */
const base = {
  on: localDate,
  by: z.string().min(1).optional(),
  at: z.string().optional(),
  key: z.string().optional(),
};
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), ...base, ...shape });

const session = z.enum(['am', 'pm']);

export const historyEventSchema = z.discriminatedUnion('type', [
  event('review', {}),
  event('review_request', { from: z.enum(['parents', 'local_authority', 'ehcp']).optional() }),
  event('risk_assessment', {}),
  event('provider_risk_assessment', {}),
  event('provider_document', { documentType: z.string().min(1), expires: localDate }),
  event('qa_visit', {}),
  event('approval', { role: z.enum(ROLES) }),
  event('parent_notice', {}),
  event('la_informed', {}),
  event('governor_approval', {}),
  /** What happened: for the DSLs only (views and logs leave it out for everyone else). */
  event('concern', { category: z.enum(CONCERN_CATEGORIES), details: z.string().max(3000).optional() }),
  event('attendance', { session, mark: z.enum(ATTENDANCE_MARKS) }),
  /** `absenceOn` is the day of the absence followed up, when that is not the day of the follow-up. */
  event('absence_follow_up', { session, absenceOn: localDate.optional() }),
  event('welfare_check', {}),
  event('home_school_agreement', {}),
  event('provider_report', {}),
  event('reintegration_meeting', {}),
  event('commissioned', {}),
  event('checklist_item', { item: z.enum(CHECKLIST_ITEMS) }),
  event('activated', {}),
  event('updated', { fields: z.array(z.string()) }),
  event('decline', { role: z.enum(ROLES), reason: z.string() }),
  event('parent_agreement', {}),
  event('extension_proposed', { end: localDate }),
  event('extended', { end: localDate }),
  event('ended', { reason: z.enum(END_REASONS) }),
  /** Quiet until `untilAt` (an instant; older snoozes give only the day, `until`, they end on). */
  event('snooze', { obligation: z.string(), until: localDate, untilAt: z.iso.datetime().optional(), reason: z.string() }),
  event('reassign', { role: z.enum(ROLES), to: z.string() }),
]);

export type HistoryEvent = z.output<typeof historyEventSchema>;
export type HistoryEventType = HistoryEvent['type'];
export type EventOf<T extends HistoryEventType> = Extract<HistoryEvent, { type: T }>;
