import { z } from 'zod';
import { recordedEvent } from './recordedEvent.ts';

/** 002 App E: a quality-assurance visit to the provider: what was seen, what must change. */
export const recordQaVisit = recordedEvent({
  name: 'recordQaVisit',
  event: 'qa_visit',
  fields: { seen: z.string().trim().max(2000).optional(), actions: z.string().trim().max(2000).optional() },
  needsProvider: true,
  says: 'QA visit recorded',
});
