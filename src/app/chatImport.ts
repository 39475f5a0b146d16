import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../core/errors.ts';
import { actingRole } from '../core/permissions.ts';
import type { School, StaffMember } from '../core/policy/schoolConfig.ts';
import type { AuditLog } from '../ports/auditLog.ts';
import type { DecisionStores } from './decide.ts';
import { NO_MAPPING } from './import/placementColumns.ts';
import { importPlacementCsv } from './import/placementCsvImport.ts';
import type { PlacementImportPlan } from './import/planPlacementImport.ts';
import { spreadsheetCancelled, spreadsheetDryRun, spreadsheetImported, type SpreadsheetImportView } from '../views/spreadsheetImport.ts';
import type { Identified } from './identity.ts';

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

/** The most a spreadsheet sent in chat may weigh: many times what a school's placements fill. */
export const SENT_SPREADSHEET_MAX_BYTES = 2 * 1024 * 1024;

/** Importing placements is setting them up: refused, and the refusal audited, to anyone who may not commission one. */
async function mayImport(audit: AuditLog, school: School, staff: StaffMember, now: Date): Promise<void> {
  if (actingRole(staff.roles, 'commissionPlacement', school.config.permissions) !== null) return;
  await audit.append({
    schoolId: school.id,
    at: now,
    actor: staff.id,
    role: staff.roles[0] ?? null,
    action: 'refused:importPlacements',
    placementId: null,
    idempotencyKey: null,
    outcome: 'refused',
    summary: 'Not allowed to import placements from a spreadsheet in the roles held',
  });
  throw new AppError(ErrorCode.NotAllowed, 'Only the AP lead or the headteacher can import placements from a spreadsheet.');
}

/** A spreadsheet sent in chat: checked as a dry run and held for Import, if the sender may import. */
export async function dryRunSentSpreadsheet(
  stores: DecisionStores,
  held: HeldImports,
  request: { school: School; staff: StaffMember; file: Uint8Array; now: Date },
): Promise<{ plan: PlacementImportPlan; key: string | undefined }> {
  await mayImport(stores.audit, request.school, request.staff, request.now);
  return holdDryRun(stores, held, request);
}

/** The dry run of a file from someone already let import; held for Import only if no row is refused. */
async function holdDryRun(
  stores: DecisionStores,
  held: HeldImports,
  request: { school: School; staff: StaffMember; file: Uint8Array; now: Date },
): Promise<{ plan: PlacementImportPlan; key: string | undefined }> {
  const { plan } = await importPlacementCsv(stores, { school: request.school, file: request.file, mapping: NO_MAPPING, by: request.staff.id, now: request.now, dryRun: true });
  // A file with a refused row cannot be imported: nothing is held for it.
  const importable = !plan.rows.some((r) => r.outcome === 'refused');
  return { plan, key: importable ? held.hold(request.school.id, request.staff.id, request.file, request.now) : undefined };
}

const noLongerHeld = () =>
  new AppError(ErrorCode.Conflict, `That spreadsheet was already imported, cancelled, or sent more than ${HELD_IMPORT_MINUTES} minutes ago: send it again to import it.`);

/**
 * Import pressed: the held file is planned again against the store as it is now (someone may have
 * changed a placement since the dry run) and written, all or nothing. Pressing twice imports once.
 */
export async function importHeldSpreadsheet(
  stores: DecisionStores,
  held: HeldImports,
  request: { school: School; staff: StaffMember; key: string; now: Date },
): Promise<{ plan: PlacementImportPlan; written: number }> {
  await mayImport(stores.audit, request.school, request.staff, request.now);
  const file = held.take(request.key, request.school.id, request.staff.id, request.now);
  if (!file) throw noLongerHeld();
  return importPlacementCsv(stores, { school: request.school, file, mapping: NO_MAPPING, by: request.staff.id, now: request.now, dryRun: false });
}

/** Cancel pressed: the held file is dropped. */
export function cancelHeldSpreadsheet(held: HeldImports, request: { school: School; staff: StaffMember; key: string; now: Date }): boolean {
  return held.take(request.key, request.school.id, request.staff.id, request.now) !== undefined;
}

/** A file sent to the bot in chat, as the chat describes it, and how the chat fetches it. */
export interface SentFile {
  name: string;
  /** In bytes, when the chat says. */
  size: number | undefined;
  /** Its bytes, reading no more than one past `maxBytes`. */
  fetch(maxBytes: number): Promise<Uint8Array>;
}

const tooBig = (name: string) =>
  new AppError(ErrorCode.InvalidInput, `${name} is larger than ${SENT_SPREADSHEET_MAX_BYTES / 1024 / 1024} MB, far more than a school's placements fill. Send only the pupils in alternative provision, or use ap import placements.`);

/** Only a CSV file, and not too big; each refusal says what to send instead. */
function checkSentSpreadsheet(name: string, size: number | undefined): void {
  if (!/\.csv$/i.test(name))
    throw new AppError(ErrorCode.InvalidInput, `${name} is not a CSV file. Save the spreadsheet as CSV (in Excel: File, Save a Copy, CSV UTF-8) and send that file.`);
  if (size !== undefined && size > SENT_SPREADSHEET_MAX_BYTES) throw tooBig(name);
}

/**
 * A spreadsheet sent in chat, answered with its dry run as the card that offers Import and Cancel.
 * Someone who may not import is refused (and audited) before the chat is asked anything about the
 * file; a file that is not a CSV, or too big by what the chat says or by what it sends, is refused
 * before its dry run. Nothing is changed by any refusal.
 */
export async function answerSentSpreadsheet(stores: DecisionStores, held: HeldImports, who: Identified, describe: () => Promise<SentFile>, now: Date): Promise<SpreadsheetImportView> {
  await mayImport(stores.audit, who.school, who.staff, now);
  const file = await describe();
  checkSentSpreadsheet(file.name, file.size);
  const bytes = await file.fetch(SENT_SPREADSHEET_MAX_BYTES);
  checkSentSpreadsheet(file.name, bytes.byteLength);
  const { plan, key } = await holdDryRun(stores, held, { school: who.school, staff: who.staff, file: bytes, now });
  return spreadsheetDryRun(file.name, plan, key, new Date(now.getTime() + HELD_IMPORT_MINUTES * 60_000), who.school);
}

/** Import or Cancel pressed on a dry run's card: the card that takes its place. */
export async function answerImportPress(
  stores: DecisionStores,
  held: HeldImports,
  who: Identified,
  press: { verb: 'importSpreadsheet' | 'cancelImport'; input: Record<string, unknown> },
  now: Date,
): Promise<SpreadsheetImportView> {
  const { key, file } = press.input;
  if (typeof key !== 'string' || key === '') throw new AppError(ErrorCode.InvalidInput, 'That button does not say which spreadsheet it is about: send the file again.');
  const fileName = typeof file === 'string' && file !== '' ? file.slice(0, 200) : 'the spreadsheet';
  const request = { school: who.school, staff: who.staff, key, now };
  if (press.verb === 'cancelImport') {
    await mayImport(stores.audit, who.school, who.staff, now);
    // Cancel after Import (or after it lapsed) must not claim that nothing was imported.
    if (!cancelHeldSpreadsheet(held, request)) throw noLongerHeld();
    return spreadsheetCancelled(fileName, who.actor, now, who.school);
  }
  const { plan, written } = await importHeldSpreadsheet(stores, held, request);
  return spreadsheetImported(fileName, plan, written, who.staff.id, now, who.school);
}
