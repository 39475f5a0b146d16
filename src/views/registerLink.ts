import { localTimeOf } from '../core/calendar/localTime.ts';
import type { School } from '../core/policy/schoolConfig.ts';

/** A person's own link to the register, as a chat shows it: a line and a button that opens the page. */
export interface RegisterLinkView {
  title: string;
  text: string;
  buttonTitle: string;
  url: string;
}

export function registerLinkView(school: School, link: { url: string; expiresAt: Date }): RegisterLinkView {
  return {
    title: 'The AP register',
    text: `Every open placement on one page, with each pupil's chronology. The link is yours alone and works until ${localTimeOf(link.expiresAt, school.config.school.timezone)} (15 minutes).`,
    buttonTitle: 'Open the register',
    url: link.url,
  };
}
