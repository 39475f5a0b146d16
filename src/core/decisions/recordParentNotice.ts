import { z } from 'zod';
import { recordedEvent } from './recordedEvent.ts';

/** 001 §7-8: the written notice of a direction, or the information about suspension provision. */
export const recordParentNotice = recordedEvent({
  name: 'recordParentNotice',
  event: 'parent_notice',
  fields: { method: z.enum(['letter', 'email', 'hand_delivered', 'meeting']) },
  says: 'Notice to parents recorded',
});
