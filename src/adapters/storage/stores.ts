import type { AttendanceStore } from '../../ports/attendanceStore.ts';
import type { AuditLog } from '../../ports/auditLog.ts';
import type { NudgeOutbox } from '../../ports/nudgeOutbox.ts';
import type { PlacementStore } from '../../ports/placementStore.ts';
import type { SchoolStore } from '../../ports/schoolStore.ts';

/** Every store the bot needs, from one backend; `close` releases it (connection, journal, lock). */
export interface Stores {
  placements: PlacementStore;
  audit: AuditLog;
  outbox: NudgeOutbox;
  attendance: AttendanceStore;
  schools: SchoolStore;
  close(): Promise<void>;
}
