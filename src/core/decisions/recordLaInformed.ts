import { z } from 'zod';
import { recordedEvent } from './recordedEvent.ts';

/** 000 §7.12, §7.5-7.6: the local authority (and virtual school, social worker, SEN officer) told. */
export const recordLaInformed = recordedEvent({
  name: 'recordLaInformed',
  event: 'la_informed',
  fields: { who: z.enum(['local_authority', 'virtual_school_head', 'social_worker', 'sen_officer']).default('local_authority') },
  says: 'Local authority informed',
});
