import { z } from 'zod';
import { recordedEvent } from './recordedEvent.ts';

/** 000 §9.6: on a school day with no session in school, someone checked on the pupil. */
export const recordWelfareCheck = recordedEvent({
  name: 'recordWelfareCheck',
  event: 'welfare_check',
  fields: { method: z.enum(['phone', 'home_visit', 'video', 'in_school']) },
  kinds: ['part_time_timetable'],
  says: 'Welfare check recorded',
});
