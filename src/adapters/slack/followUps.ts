import type { DecideResult } from '../../app/decide.ts';
import type { Identified } from '../../app/identity.ts';
import type { NudgeMessage } from '../../ports/channel.ts';
import { actingRole } from '../../core/permissions.ts';
import type { SlackContext } from './context.ts';

/**
 * What a decision made in Slack sends on at once: a concern to the DSLs only, a proposed
 * part-time timetable to the headteacher. A failed send is logged; the nudge sweep chases anyway.
 */
export async function sendFollowUps(ctx: SlackContext, who: Identified, result: DecideResult, key: string): Promise<void> {
  if (result.replayed) return;
  const { school } = who;
  const placementId = result.record.placement.id;
  const to = (predicate: (roles: Identified['staff']['roles']) => boolean, message: NudgeMessage, kind: string) =>
    school.config.staff
      .filter((s) => s.id !== who.staff.id && predicate(s.roles))
      .map((staff) =>
        ctx.channel.send(school.id, staff, message, `${kind}|${placementId}|${key}|${staff.id}`).catch((error: unknown) =>
          ctx.log.warn({ component: 'slack', staffId: staff.id, placementId, error: (error as Error).message }, `could not send the ${kind} message`),
        ),
      );
  if (result.decision === 'logConcern')
    await Promise.all(to((roles) => actingRole(roles, 'readConcernDetails', school.config.permissions) !== null, { kind: 'concern_alert', schoolId: school.id, placementId, concernKey: key }, 'concern'));
  if (result.decision === 'proposePartTimeTimetable')
    await Promise.all(to((roles) => roles.includes('headteacher'), { kind: 'approval_request', schoolId: school.id, placementId }, 'approval'));
}
