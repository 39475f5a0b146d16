import { recordedEvent } from './recordedEvent.ts';

/** 001 §7: the home/school agreement, reviewed at least termly. */
export const recordHomeSchoolAgreement = recordedEvent({
  name: 'recordHomeSchoolAgreement',
  event: 'home_school_agreement',
  fields: {},
  kinds: ['off_site_ap', 'off_site_direction'],
  says: 'Home/school agreement reviewed',
});
