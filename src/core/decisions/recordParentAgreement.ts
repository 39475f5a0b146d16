import { recordedEvent } from './recordedEvent.ts';

/** 000 §9.6: the parents' agreement to a part-time timetable; 001 §8: to shorter notice of suspension provision. */
export const recordParentAgreement = recordedEvent({
  name: 'recordParentAgreement',
  event: 'parent_agreement',
  fields: {},
  kinds: ['part_time_timetable', 'flexi_schooling', 'suspension_provision'],
  says: "Parents' agreement recorded",
});
