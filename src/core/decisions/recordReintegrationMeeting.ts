import { recordedEvent } from './recordedEvent.ts';

/** 000 §8.7: the meeting that plans the pupil's return before a placement ends. */
export const recordReintegrationMeeting = recordedEvent({
  name: 'recordReintegrationMeeting',
  event: 'reintegration_meeting',
  fields: {},
  says: 'Reintegration meeting held',
});
