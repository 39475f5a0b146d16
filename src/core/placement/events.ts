import { z } from 'zod';
import { localDate } from '../validation.ts';
import { ROLES } from '../policy/roles.ts';

export const CONCERN_CATEGORIES = ['safeguarding', 'behaviour', 'attendance', 'health_safety', 'progress'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const ATTENDANCE_MARKS = ['present', 'late', 'absent_authorised', 'absent_unauthorised', 'not_timetabled'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

// Every event says what happened and on which school-local date; `by` is a staff id when known.
const base = { on: localDate, by: z.string().min(1).optional() };
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
  event('concern', { category: z.enum(CONCERN_CATEGORIES) }),
  event('attendance', { session, mark: z.enum(ATTENDANCE_MARKS) }),
  /** `absenceOn` is the day of the absence followed up, when that is not the day of the follow-up. */
  event('absence_follow_up', { session, absenceOn: localDate.optional() }),
  event('welfare_check', {}),
  event('home_school_agreement', {}),
  event('provider_report', {}),
  event('reintegration_meeting', {}),
]);

export type HistoryEvent = z.output<typeof historyEventSchema>;
export type HistoryEventType = HistoryEvent['type'];
export type EventOf<T extends HistoryEventType> = Extract<HistoryEvent, { type: T }>;
