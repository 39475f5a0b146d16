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

/** 002 App E: what a quality-assurance visit looks at. */
export const QA_CHECKS = ['teaching', 'safeguarding', 'attendance_registers', 'premises', 'pupil_views', 'learning_plan'] as const;
export const QA_OUTCOMES = ['satisfactory', 'improvements_needed', 'serious_concerns'] as const;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** 001 §10: a follow-up reaches the family, or it does not and the next step is said. */
export const FOLLOW_UP_OUTCOMES = ['contact_made', 'no_contact'] as const;
export const FOLLOW_UP_METHODS = ['phone', 'home_visit', 'message', 'email'] as const;
export const FOLLOW_UP_NEXT_STEPS = ['call_again', 'home_visit', 'dsl_to_decide'] as const;
/** The register codes an explained absence most often leads to (the school's register decides). */
export const ABSENCE_CODES = ['I', 'M', 'C', 'E', 'G', 'O', 'N'] as const;
/** What a DSL may decide about a pupil nobody could reach (KCSIE: children missing education). */
export const ABSENCE_DSL_ACTIONS = ['home_visit', 'childrens_social_care', 'child_missing_education', 'police'] as const;

/** A concern moves logged → acknowledged → decided → closed, each step by a DSL (KCSIE part 2). */
export const CONCERN_DECISIONS = ['no_further_action', 'monitor', 'early_help', 'childrens_social_care', 'police', 'lado'] as const;
export type ConcernDecision = (typeof CONCERN_DECISIONS)[number];

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
  /**
   * `absenceOn` is the day of the absence followed up, when that is not the day of the follow-up.
   * `outcome` is missing on follow-ups recorded before it was asked: those said only how (`contact`).
   */
  event('absence_follow_up', { session, absenceOn: localDate.optional(), outcome: z.enum(FOLLOW_UP_OUTCOMES).optional() }),
  /** A DSL's decision about an absence nobody could explain: closes its follow-up. */
  event('absence_decision', { session, absenceOn: localDate, action: z.enum(ABSENCE_DSL_ACTIONS), rationale: z.string() }),
  /** The steps of a concern, each naming the concern by its id (`concernIdOf`). */
  event('concern_acknowledged', { concern: z.string() }),
  event('concern_decision', { concern: z.string(), decision: z.enum(CONCERN_DECISIONS), rationale: z.string() }),
  event('concern_closed', { concern: z.string(), outcome: z.string() }),
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
