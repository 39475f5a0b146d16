import { z } from 'zod';
import { ATTENDANCE_MARKS } from '../placement/events.ts';
import { FULL_TIME, SESSIONS, WEEKDAYS } from '../placement/placement.ts';
import { isoWeekday } from '../calendar/localDate.ts';
import { localDate } from '../validation.ts';
import { defineDecision, doneOn, openPlacement, refuse } from './decision.ts';

/**
 * 000 §4.5, 004: the attendance officer confirms each session with the provider. The register code
 * is a suggestion: B (approved off-site education) at an unregistered provider, D (dual
 * registration) at a registered one; absences take the school's own code.
 */
export const confirmAttendance = defineDecision({
  name: 'confirmAttendance',
  target: 'existing',
  input: z.strictObject({ date: localDate, session: z.enum(SESSIONS), mark: z.enum(ATTENDANCE_MARKS) }),
  apply(current, input, ctx) {
    const placement = openPlacement(current);
    const date = doneOn(input.date, ctx, 'date');
    if (!ctx.school.calendar.isSchoolDay(date)) refuse(`date: ${date} is not a school day.`);
    if (date < placement.start || (placement.end !== undefined && date > placement.end)) refuse(`date: the placement does not run on ${date}.`);
    const weekday = WEEKDAYS[isoWeekday(date) - 1];
    const timetabled = weekday !== undefined && (placement.timetable ?? FULL_TIME)[weekday].includes(input.session);
    if (!timetabled && input.mark !== 'not_timetabled') refuse(`session: the pupil is not timetabled at the provider on ${date} ${input.session}.`);
    const attended = input.mark === 'present' || input.mark === 'late';
    return {
      placement,
      attendance: {
        placementId: placement.id,
        date,
        session: input.session,
        mark: input.mark,
        registerCode: attended ? (placement.provider?.ofstedRegistered ? 'D' : 'B') : null,
      },
      summary: `Attendance ${date} ${input.session} for placement ${placement.id}: ${input.mark.replaceAll('_', ' ')}`,
    };
  },
});
