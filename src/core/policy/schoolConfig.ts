import { z } from 'zod';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../calendar/bankHolidays.ts';
import { createSchoolCalendar, type SchoolCalendar } from '../calendar/schoolCalendar.ts';
import { UK_ZONE } from '../calendar/ukClock.ts';
import { ErrorCode } from '../errors.ts';
import { addDays, isValidLocalDate } from '../calendar/localDate.ts';
import { localDate, localTime, parseOrThrow } from '../validation.ts';
import { ROLES } from './roles.ts';
import { ACTIONS } from '../permissions.ts';

const range = z.object({ start: localDate, end: localDate });

// zod still runs refinements after a field failed; compare only dates that parsed.
const before = (a: string, b: string) => isValidLocalDate(a) && isValidLocalDate(b) && a < b;

const term = z
  .object({
    name: z.string().min(1),
    start: localDate,
    end: localDate,
    halfTermBreak: range.optional(),
  })
  .superRefine((t, ctx) => {
    if (before(t.end, t.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'is before start' });
    const brk = t.halfTermBreak;
    if (!brk) return;
    if (before(brk.end, brk.start)) ctx.addIssue({ code: 'custom', path: ['halfTermBreak', 'end'], message: 'is before start' });
    else if (brk.start <= t.start || brk.end >= t.end) ctx.addIssue({ code: 'custom', path: ['halfTermBreak'], message: 'must fall inside the term' });
  });

const terms = z
  .array(term)
  .min(1, { message: 'needs at least one term' })
  .superRefine((list, ctx) => {
    list.forEach((t, i) => {
      const next = list[i + 1];
      if (next && before(next.start, addDays(t.end, 1))) ctx.addIssue({ code: 'custom', path: [i + 1, 'start'], message: `overlaps or comes before ${t.name}` });
    });
  });

const timezone = z.string().refine(
  (tz) => {
    // UK time is known without loading the runtime's time-zone tables (see ukClock.ts).
    if (tz === UK_ZONE) return true;
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known timezone (e.g. Europe/London)' },
);

/** Every default comes from shared/docs/domain.md; each one a school may change. */
const policy = z.object({
  /** 000 §8.2: a formal review at least once every half-term. */
  reviewFrequency: z.enum(['half_term', 'term']).default('half_term'),
  /** 003 §8 / 001 §7: a review asked for by parents or the LA, within this many school days. */
  reviewRequestSchoolDays: z.number().int().min(1).max(30).default(10),
  /** 000 §9.6: "regularly"; two school weeks is the common local-authority expectation. */
  pttReviewSchoolDays: z.number().int().min(1).max(40).default(10),
  /** 001 §5.4, 002 §4.1, 004: each school picks one rule. */
  qaVisitRule: z.enum(['monthly_or_10_sessions', 'termly_if_registered_else_half_termly', 'three_per_year']).default('monthly_or_10_sessions'),
  /** 002 App E: expiring provider documents are chased this many days ahead. */
  documentExpiryNoticeDays: z.number().int().min(1).max(365).default(30),
  /** 001 §7: written notice of an off-site direction, school days before it starts. */
  directionNoticeSchoolDays: z.number().int().min(1).max(10).default(2),
  /** 001 §8: parents told this many clock hours before suspension provision starts. */
  suspensionNoticeHours: z.number().int().min(1).max(168).default(48),
  /** 000 §8.7: the reintegration meeting, school days before a planned end. */
  reintegrationMeetingSchoolDays: z.number().int().min(1).max(20).default(5),
  /** A nudge starts this many school days before something is due. */
  nudgeLeadSchoolDays: z.number().int().min(0).max(30).default(5),
  /** Overdue for more than this many school days and it goes to the escalation role. */
  escalateAfterSchoolDays: z.number().int().min(0).max(30).default(2),
  /** 000 §4.5, 001 §10: attendance confirmed with the provider by these times. */
  attendanceCutoff: z.object({ am: localTime.default('10:00'), pm: localTime.default('14:00') }).prefault({}),
  quietHours: z.object({ from: localTime.default('18:00'), to: localTime.default('07:30') }).prefault({}),
  /** More nudges than this for one person in one sweep become a single digest. */
  digestThreshold: z.number().int().min(1).max(50).default(3),
});

const staffMember = z.object({
  // `#` marks the bot's own recipients (the AP team channel), never a person.
  id: z.string().min(1).regex(/^[^#]/, { message: 'may not start with #' }),
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  email: z.string().email().optional(),
  teams: z.object({ aadObjectId: z.string().min(1), tenantId: z.string().min(1).optional() }).optional(),
  slack: z.object({ userId: z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'is not a Slack user id (U…)' }) }).optional(),
});

const staff = z
  .array(staffMember)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((member, i) => {
      if (seen.has(member.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `is used twice (${member.id})` });
      seen.add(member.id);
    });
  });

export const schoolConfigSchema = z.object({
  school: z
    .object({
      name: z.string().min(1),
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'use lower-case letters, digits and dashes' }).optional(),
      urn: z.string().regex(/^\d{6,7}$/, { message: 'is not a URN (6 or 7 digits)' }).optional(),
      timezone: timezone.default('Europe/London'),
      dayStart: localTime.default('08:45'),
      dayEnd: localTime.default('15:15'),
      slackTeamId: z.string().regex(/^T[A-Z0-9]+$/, { message: 'is not a Slack team id (T…)' }).optional(),
      teamsTenantId: z.string().min(1).optional(),
    })
    .refine((s) => s.dayEnd > s.dayStart, { path: ['dayEnd'], message: 'is not after dayStart' }),
  calendar: z.object({
    terms,
    closures: z.array(z.object({ date: localDate, reason: z.string().min(1).default('closure') })).default([]),
    bankHolidays: z.array(localDate).optional(),
  }),
  policy: policy.prefault({}),
  staff,
  /** The whole school's attendance (%) each term, by term name, from the MIS: the termly report sets AP against it. */
  schoolAttendance: z.record(z.string().min(1), z.number().min(0).max(100)).default({}),
  /** Changes to who may do what; an action left out keeps its default roles. */
  permissions: z.partialRecord(z.enum(ACTIONS), z.array(z.enum(ROLES)).min(1)).default({}),
}).superRefine((config, ctx) => {
  // An Entra object id means something only within its tenant: without one, anyone's tenant could claim it.
  config.staff.forEach((member, i) => {
    if (member.teams && !member.teams.tenantId && !config.school.teamsTenantId)
      ctx.addIssue({ code: 'custom', path: ['staff', i, 'teams', 'tenantId'], message: 'is needed for a Teams account (or set school.teamsTenantId)' });
  });
});

export type SchoolConfig = z.output<typeof schoolConfigSchema>;
export type SchoolPolicy = SchoolConfig['policy'];
export type StaffMember = SchoolConfig['staff'][number];

/** A school as the core works with it: its settings and its calendar, ready to use. */
export interface School {
  id: string;
  config: SchoolConfig;
  calendar: SchoolCalendar;
}

export function schoolIdOf(config: SchoolConfig): string {
  return config.school.id ?? config.school.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Validates a parsed config document and builds the school, or throws listing every problem. */
export function loadSchool(document: unknown): School {
  const config = parseOrThrow(schoolConfigSchema, document, 'The school config', ErrorCode.InvalidConfig);
  const calendar = createSchoolCalendar({
    terms: config.calendar.terms,
    closures: config.calendar.closures,
    bankHolidays: config.calendar.bankHolidays ?? ENGLAND_AND_WALES_BANK_HOLIDAYS,
  });
  return { id: schoolIdOf(config), config, calendar };
}
