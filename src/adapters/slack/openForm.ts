import { AppError, ErrorCode } from '../../core/errors.ts';
import type { Identified } from '../../app/identity.ts';
import type { DecisionName } from '../../core/decisions/index.ts';
import { actingRole } from '../../core/permissions.ts';
import type { Placement } from '../../core/placement/placement.ts';
import type { SlackContext } from './context.ts';
import { FORMS, modalView, type FormMeta } from './forms.ts';

/**
 * Opens the modal that records a decision. Called straight after the ack: a trigger id lasts
 * three seconds. Someone who may not record it is told now, not after filling it in.
 */
export async function openForm(ctx: SlackContext, who: Identified, triggerId: string, decision: DecisionName, placement: Placement | undefined, meta: FormMeta = {}): Promise<void> {
  const form = FORMS[decision];
  if (!form) throw new AppError(ErrorCode.NotPossible, 'That needs no form.');
  if (actingRole(who.actor.roles, decision, who.school.config.permissions) === null)
    throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to do that. Ask your AP lead or headteacher if you think you should be.');
  const about = placement ? { placementId: placement.id, version: placement.version } : {};
  await ctx.client.views.open({ trigger_id: triggerId, view: modalView(decision, form, placement, { ...about, ...meta }) });
}
