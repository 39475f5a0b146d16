import type { School } from '../../src/core/policy/schoolConfig.ts';
import type { ChatPlatform } from '../../src/ports/conversationStore.ts';
import { TEAM_CHANNEL } from '../../src/ports/nudgeOutbox.ts';
import type { Stores } from '../../src/ports/stores.ts';

const PLATFORMS: ChatPlatform[] = ['teams', 'slack'];

/**
 * Everything a school's stores hold, read through the ports, except the audit log's refusals: bad
 * input may add a refusal entry and nothing else. Compared before and after a fuzz run.
 */
export async function stateOf(stores: Stores, school: School) {
  const placements = await stores.placements.list(school.id);
  const recipients = [...school.config.staff.map((s) => s.id), TEAM_CHANNEL];
  return {
    placements,
    audit: (await stores.audit.list(school.id)).filter((entry) => entry.outcome !== 'refused'),
    outbox: await stores.outbox.list(school.id),
    attendance: await Promise.all(placements.map((p) => stores.attendance.listForPlacement(school.id, p.placement.id))),
    conversations: await Promise.all(recipients.flatMap((id) => PLATFORMS.map((platform) => stores.conversations.get(school.id, id, platform)))),
    schools: await stores.schools.versions(school.id),
  };
}
