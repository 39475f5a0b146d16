import type { Actor } from '../../core/decisions/decision.ts';
import { deriveObligations } from '../../core/obligations/deriveObligations.ts';
import { pendingPttApproval } from '../../core/placement/partTimeTimetable.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { School } from '../../core/policy/schoolConfig.ts';
import { approvalRequest } from '../../views/approvalRequest.ts';
import { reminder } from '../../views/reminder.ts';
import type { FormField } from '../../views/viewModel.ts';
import { FORM_OF } from './attachments.ts';

/**
 * The fields the cards for this placement ask for with a verb, as the views define them: their
 * kinds say how to read what Teams sends back (a multi-select arrives as one comma-joined string).
 */
export function fieldsOnCards(verb: string, placement: Placement, school: School, now: Date, viewer: Actor): FormField[] {
  const form = FORM_OF[verb as keyof typeof FORM_OF];
  if (form) return form(placement, school, now, viewer).fields;
  const cards = [
    ...(pendingPttApproval(placement) ? [approvalRequest(placement, school, now, viewer)] : []),
    ...deriveObligations(placement, school, now).map((o) => reminder(placement, o, school, now, viewer)),
  ];
  return cards.flatMap((c) => c.actions).filter((a) => a.verb === verb).flatMap((a) => a.fields);
}
