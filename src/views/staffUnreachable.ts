import type { School } from '../core/policy/schoolConfig.ts';
import type { ErrorView } from './error.ts';

/**
 * To the AP lead: a member of staff the bot has not reached for a school day, and what to do. It
 * is the plain notice card (title, message, a list, a footnote), with nothing to press.
 */
export function staffUnreachableView(school: School, staffId: string, since: string): ErrorView {
  const member = school.config.staff.find((s) => s.id === staffId);
  const name = member?.name ?? staffId;
  const steps = [
    ...(member?.teams ? [`In Teams: ask ${name} to open apbot once, or pin it for them in the Teams admin centre.`] : []),
    ...(member?.slack ? [] : [`In Slack: give ${name} their work email in the school file, then run ap staff check to find their account.`]),
    ...(member?.teams || member?.slack ? [] : [`In Teams: add ${name} to the staff team the bot is installed in, under their work email; or give them teams.aadObjectId in the school file.`]),
    'ap staff check lists everyone the bot cannot reach yet, and why.',
  ];
  return {
    card: 'error',
    placementId: null,
    version: null,
    participants: [],
    actions: [],
    title: `${name} cannot be reached yet`,
    message: `Reminders for ${name} have waited since ${since}: no chat with the bot reaches them.`,
    problems: steps,
    incidentId: null,
    footnote: 'Their reminders are kept, and go to them as soon as the bot can reach them.',
  };
}
