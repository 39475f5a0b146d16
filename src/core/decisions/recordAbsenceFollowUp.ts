import { z } from 'zod';
import { SESSIONS } from '../placement/placement.ts';
import { localDate } from '../validation.ts';
import { recordedEvent } from './recordedEvent.ts';

/** 001 §10, 004: an unexplained absence followed up with the parents, the same day. */
export const recordAbsenceFollowUp = recordedEvent({
  name: 'recordAbsenceFollowUp',
  event: 'absence_follow_up',
  fields: { absenceOn: localDate, session: z.enum(SESSIONS), contact: z.enum(['phone', 'home_visit', 'message', 'no_contact']) },
  says: 'Absence followed up',
});
