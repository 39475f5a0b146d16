import type { types } from '@slack/bolt';
import type { Identified } from '../../app/identity.ts';
import type { DecisionName } from '../../core/decisions/index.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { actingRole } from '../../core/permissions.ts';
import type { SlackContext } from './context.ts';

/**
 * Opens the modal that records a decision. Called straight after the ack: a trigger id lasts
 * three seconds. Someone who may not record it is told now, not after filling it in.
 */
export async function openModal(ctx: SlackContext, who: Identified, triggerId: string, decision: DecisionName, view: () => types.ModalView): Promise<void> {
  if (actingRole(who.actor.roles, decision, who.school.config.permissions) === null)
    throw new AppError(ErrorCode.NotAllowed, 'You are not allowed to do that. Ask your AP lead or headteacher if you think you should be.');
  await ctx.client.views.open({ trigger_id: triggerId, view: view() });
}
