import { z } from 'zod';
import { localDate } from '../validation.ts';
import { ROLES } from '../policy/roles.ts';
import { historyEventSchema } from './events.ts';
import { providerSchema } from '../provider/provider.ts';

export const PLACEMENT_KINDS = [
  'off_site_ap',
  'on_site_ap',
  'off_site_direction',
  'suspension_provision',
  'part_time_timetable',
  'flexi_schooling',
] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export const PLACEMENT_STATUSES = ['proposed', 'active', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export const SESSIONS = ['am', 'pm'] as const;
export type Session = (typeof SESSIONS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const sessions = z.array(z.enum(SESSIONS)).default([]);

/** Which sessions the pupil is timetabled for on each weekday. */
export const timetableSchema = z.object({ mon: sessions, tue: sessions, wed: sessions, thu: sessions, fri: sessions });
export type Timetable = z.output<typeof timetableSchema>;

export const FULL_TIME: Timetable = { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: ['am', 'pm'], fri: ['am', 'pm'] };

export const pupilSchema = z.looseObject({
  /** The school's internal reference: the only way a pupil is named in logs and shared channels. */
  ref: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, { message: 'is not a pupil reference (letters, digits, dashes)' }).toUpperCase(),
  initials: z.string().regex(/^[A-Z]{1,4}$/, { message: 'must be 1 to 4 capital letters' }),
  ehcp: z.boolean().default(false),
  lookedAfter: z.boolean().default(false),
  socialWorker: z.boolean().default(false),
  send: z.boolean().default(false),
  freeSchoolMeals: z.boolean().default(false),
});
export type Pupil = z.output<typeof pupilSchema>;

// The provider record lives in core/provider; a placement carries its account of it, found again by its id.
export { providerSchema, type Provider } from '../provider/provider.ts';

export const suspensionSchema = z.object({
  firstDay: localDate,
  schoolDays: z.number().int().min(1).max(45),
});
export type Suspension = z.output<typeof suspensionSchema>;

/** The placement as it is imported and stored; extra fields are kept. */
export const placementSchema = z
  .looseObject({
    id: z.string().min(1),
    kind: z.enum(PLACEMENT_KINDS),
    status: z.enum(PLACEMENT_STATUSES).default('proposed'),
    pupil: pupilSchema,
    start: localDate,
    end: localDate.optional(),
    timetable: timetableSchema.optional(),
    provider: providerSchema.optional(),
    /** 001 §8: consecutive suspensions add up. `suspension` is shorthand for a list of one. */
    suspension: suspensionSchema.optional(),
    suspensions: z.array(suspensionSchema).optional(),
    /** Overrides the school's part-time timetable review interval for this placement. */
    reviewEverySchoolDays: z.number().int().min(1).max(40).optional(),
    /** The staff member who owns this placement's obligations; else everyone with the role. */
    owners: z.partialRecord(z.enum(ROLES), z.string().min(1)).optional(),
    /** Why a part-time timetable is needed (000 §9.3); seen by staff, never in audit summaries. */
    reason: z.string().optional(),
    /** 001 §8: why suspension provision begins after the sixth school day. */
    lateStartReason: z.string().optional(),
    proposedBy: z.string().optional(),
    /** A part-time timetable's plan back to full-time education (000 §9.3). */
    planToFullTime: z.string().optional(),
    objectives: z.array(z.string()).optional(),
    history: z.array(historyEventSchema).default([]),
    version: z.number().int().min(0).default(0),
  })
  .transform(({ suspension, suspensions, ...rest }) => ({
    ...rest,
    suspensions: suspensions ?? (suspension ? [suspension] : []),
  }))
  .superRefine((p, ctx) => {
    if (p.end !== undefined && p.end < p.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'is before start' });
    if (p.kind === 'suspension_provision' && p.suspensions.length === 0)
      ctx.addIssue({ code: 'custom', path: ['suspensions'], message: 'suspension provision needs the suspension (firstDay, schoolDays)' });
  });

export type Placement = z.output<typeof placementSchema>;
export type PlacementInput = z.input<typeof placementSchema>;
