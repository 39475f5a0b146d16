import { recordedEvent } from './recordedEvent.ts';

/** 000 §6.4: the governing body approved the off-site direction. */
export const recordGovernorApproval = recordedEvent({
  name: 'recordGovernorApproval',
  event: 'governor_approval',
  fields: {},
  kinds: ['off_site_direction'],
  says: 'Governing body approval recorded',
});
