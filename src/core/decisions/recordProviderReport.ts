import { recordedEvent } from './recordedEvent.ts';

/** 002 §5, 004: the provider's progress report arrived. */
export const recordProviderReport = recordedEvent({
  name: 'recordProviderReport',
  event: 'provider_report',
  fields: {},
  needsProvider: true,
  says: 'Provider report received',
});
