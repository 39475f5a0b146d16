import type { NudgeChannel, NudgeMessage } from '../../ports/nudgeChannel.ts';

/** Where nudges go when no chat platform reaches someone: one line each on the console (local try-outs). */
export function consoleNudgeChannel(write: (line: string) => void): NudgeChannel {
  const describe = (m: NudgeMessage): string => {
    switch (m.kind) {
      case 'reminder':
        return `${m.item.stage} ${m.item.type} for ${m.item.pupil.ref} (${m.item.placementId}), due ${m.item.dueDate}`;
      case 'digest':
        return `digest of ${m.items.length} items`;
      case 'attendance':
        return `attendance ${m.date} ${m.session}: ${m.items.length} sessions to confirm`;
      case 'approval_request':
        return `approval wanted for ${m.placementId}`;
      case 'concern_alert':
        return `concern logged on ${m.placementId} (details in the DSL's chat)`;
      case 'team_overview':
        return `team overview of ${m.items.length} items`;
      case 'staff_unreachable':
        return `${m.staffId} cannot be reached yet (waiting since ${m.since})`;
    }
  };
  return {
    name: 'console',
    canReach: () => true,
    async send(schoolId, staff, message) {
      write(`nudge → ${schoolId}/${staff.id}: ${describe(message)}`);
    },
  };
}
