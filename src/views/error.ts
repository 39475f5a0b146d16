import { isAppError } from '../core/errors.ts';
import type { CardBase } from './viewModel.ts';

export interface ErrorView extends CardBase {
  card: 'error';
  message: string;
  /** One line per problem with what was typed, for a user error. */
  problems: string[];
  /** For anything that is not the person's to fix: quoted to whoever looks into it. */
  incidentId: string | null;
  footnote: string;
}

/** A friendly message: a user error says what to change; anything else says sorry and gives the incident id. */
export function errorView(error: unknown, incidentId: string): ErrorView {
  const base = { card: 'error' as const, placementId: null, version: null, participants: [], actions: [] };
  if (isAppError(error) && error.isUserError)
    return { ...base, title: 'That didn’t go through', message: error.message, problems: [...error.problems], incidentId: null, footnote: 'Nothing was changed.' };
  return {
    ...base,
    title: 'Sorry, something went wrong on our side',
    message: 'Nothing was changed. Please try again in a minute.',
    problems: [],
    incidentId,
    footnote: `If it keeps happening, pass this reference to whoever looks after the bot: ${incidentId}`,
  };
}
