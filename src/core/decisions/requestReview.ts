import { z } from 'zod';
import { recordedEvent } from './recordedEvent.ts';

/** 001 §7, 000 §8.3: parents, the local authority or an EHCP annual review may ask for a review. */
export const requestReview = recordedEvent({
  name: 'requestReview',
  event: 'review_request',
  fields: { from: z.enum(['parents', 'local_authority', 'ehcp']) },
  says: 'Review requested',
});
