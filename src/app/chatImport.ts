import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../core/errors.ts';
import { actingRole } from '../core/permissions.ts';
import type { School, StaffMember } from '../core/policy/schoolConfig.ts';
import type { DecisionStores } from './decide.ts';
import { NO_MAPPING } from './import/placementColumns.ts';
import { importPlacementCsv } from './import/placementCsvImport.ts';
import type { PlacementImportPlan } from './import/planPlacementImport.ts';

/** How long a dry run sent in chat can still be imported by pressing Import. */
export const HELD_IMPORT_MINUTES = 30;

interface HeldImport {
  schoolId: string;
  staffId: string;
  file: Uint8Array;
  expiresAt: number;
}

/**
 * Spreadsheets sent to the bot in chat, between the dry run and the press on Import or Cancel:
 * the file's bytes as they were checked, keyed by their hash, for the person who sent them, for
 * HELD_IMPORT_MINUTES. Taking one removes it, so a second press imports nothing.
 */
export class HeldImports {
  private readonly held = new Map<string, HeldImport>();

  hold(schoolId: string, staffId: string, file: Uint8Array, now: Date): string {
    this.expire(now);
    const key = createHash('sha256').update(schoolId).update('\0').update(staffId).update('\0').update(file).digest('hex').slice(0, 24);
    this.held.set(key, { schoolId, staffId, file: Uint8Array.from(file), expiresAt: now.getTime() + HELD_IMPORT_MINUTES * 60_000 });
    return key;
  }

  /** The held file, once, for the person who sent it to this school; nothing if gone, expired or theirs is another's. */
  take(key: string, schoolId: string, staffId: string, now: Date): Uint8Array | undefined {
    this.expire(now);
    const found = this.held.get(key);
    if (!found || found.schoolId !== schoolId || found.staffId !== staffId) return undefined;
    this.held.delete(key);
    return found.file;
  }

  private expire(now: Date): void {
    for (const [key, entry] of this.held) if (entry.expiresAt <= now.getTime()) this.held.delete(key);
  }
}

function mayImport(school: School, staff: StaffMember): void {
  if (actingRole(staff.roles, 'commissionPlacement', school.config.permissions) === null)
    throw new AppError(ErrorCode.NotAllowed, 'Only the AP lead or the headteacher can import placements from a spreadsheet.');
}

/** A spreadsheet sent in chat: checked as a dry run and held for Import, if the sender may import. */
export async function dryRunSentSpreadsheet(
  stores: DecisionStores,
  held: HeldImports,
  request: { school: School; staff: StaffMember; file: Uint8Array; now: Date },
): Promise<{ plan: PlacementImportPlan; key: string | undefined }> {
  mayImport(request.school, request.staff);
  const { plan } = await importPlacementCsv(stores, { school: request.school, file: request.file, mapping: NO_MAPPING, by: request.staff.id, now: request.now, dryRun: true });
  // A file with a refused row cannot be imported: nothing is held for it.
  const importable = !plan.rows.some((r) => r.outcome === 'refused');
  return { plan, key: importable ? held.hold(request.school.id, request.staff.id, request.file, request.now) : undefined };
}

/**
 * Import pressed: the held file is planned again against the store as it is now (someone may have
 * changed a placement since the dry run) and written, all or nothing. Pressing twice imports once.
 */
export async function importHeldSpreadsheet(
  stores: DecisionStores,
  held: HeldImports,
  request: { school: School; staff: StaffMember; key: string; now: Date },
): Promise<{ plan: PlacementImportPlan; written: number }> {
  mayImport(request.school, request.staff);
  const file = held.take(request.key, request.school.id, request.staff.id, request.now);
  if (!file) throw new AppError(ErrorCode.Conflict, `That spreadsheet was already imported, cancelled, or sent more than ${HELD_IMPORT_MINUTES} minutes ago: send it again to import it.`);
  return importPlacementCsv(stores, { school: request.school, file, mapping: NO_MAPPING, by: request.staff.id, now: request.now, dryRun: false });
}

/** Cancel pressed: the held file is dropped. */
export function cancelHeldSpreadsheet(held: HeldImports, request: { school: School; staff: StaffMember; key: string; now: Date }): boolean {
  return held.take(request.key, request.school.id, request.staff.id, request.now) !== undefined;
}
