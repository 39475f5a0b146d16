import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.ts';
import { ROLES, type Role } from '../../core/policy/roles.ts';
import type { StaffMember } from '../../core/policy/schoolConfig.ts';
import type { CsvTable } from './csvTable.ts';
import { headerKey } from './placementColumns.ts';

export type StaffRowOutcome = 'added' | 'updated' | 'unchanged' | 'refused';

export interface StaffRowReport {
  row: number;
  outcome: StaffRowOutcome;
  staffId?: string;
  detail: string;
}

export interface StaffImportPlan {
  rows: StaffRowReport[];
  /** The whole staff list after the import; unchanged when a row is refused (all or nothing). */
  staff: StaffMember[];
}

const HEADERS = {
  name: ['name', 'displayname', 'fullname', 'staffname'],
  forename: ['forename', 'firstname', 'givenname'],
  surname: ['surname', 'lastname', 'familyname'],
  email: ['email', 'emailaddress', 'workemail', 'mail', 'upn', 'userprincipalname', 'username'],
  roles: ['roles', 'role', 'aprole', 'apbotroles', 'responsibilities'],
} as const;

/** The words schools use for each role, as header keys. */
const ROLE_WORDS: Record<Role, readonly string[]> = {
  headteacher: ['headteacher', 'head', 'headofschool', 'principal', 'executiveheadteacher', 'executivehead'],
  ap_lead: ['aplead', 'alternativeprovisionlead', 'apcoordinator', 'alternativeprovisioncoordinator'],
  dsl: ['dsl', 'designatedsafeguardinglead'],
  deputy_dsl: ['deputydsl', 'ddsl', 'deputydesignatedsafeguardinglead'],
  attendance_officer: ['attendanceofficer', 'attendance', 'attendancelead', 'schooloffice'],
  governor: ['governor', 'apgovernor', 'linkgovernor'],
  staff: ['staff', 'teacher', 'teachingassistant', 'ta', 'formtutor', 'tutor'],
};

const email = z.email();

function rolesOf(cell: string): Role[] | string {
  const words = cell.split(/[;,/|&+]| and /i).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return 'roles: missing';
  const roles: Role[] = [];
  for (const word of words) {
    const key = headerKey(word);
    const role = ROLES.find((r) => headerKey(r) === key || ROLE_WORDS[r].includes(key));
    if (!role) return `roles: "${word}" is not a role the bot knows (headteacher, AP lead, DSL, attendance officer, governor, staff)`;
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

function idFor(address: string, taken: Set<string>): string {
  const base = `s-${(address.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Works out the staff list after importing a spreadsheet of staff (name, email, roles). A member
 * of staff is the same person again by email (or, with no email yet, by name); their Teams and Slack accounts are kept, and anyone
 * not in the file stays on the list. A refused row changes nothing at all.
 */
export function planStaffImport(table: CsvTable, current: readonly StaffMember[]): StaffImportPlan {
  const column = (field: keyof typeof HEADERS) => table.headers.find((h) => (HEADERS[field] as readonly string[]).includes(headerKey(h)));
  const columns = { name: column('name'), forename: column('forename'), surname: column('surname'), email: column('email'), roles: column('roles') };
  const missing = [!columns.email && 'email', !columns.roles && 'roles', !columns.name && !(columns.forename && columns.surname) && 'name'].filter(Boolean);
  if (missing.length > 0) throw new AppError(ErrorCode.InvalidInput, `The staff file's columns (${table.headers.join(', ')}) do not say ${missing.join(', ')}. It needs name, email and roles.`);

  const staff = current.map((m) => ({ ...m }));
  const taken = new Set(staff.map((m) => m.id));
  const seen = new Map<string, number>();
  const rows: StaffRowReport[] = [];
  for (const row of table.rows) {
    const cell = (header: string | undefined) => (header === undefined ? '' : (row.cells[header] ?? '').trim());
    const name = cell(columns.name) || `${cell(columns.forename)} ${cell(columns.surname)}`.trim();
    const address = cell(columns.email).toLowerCase();
    const roles = rolesOf(cell(columns.roles));
    const problems = [
      ...(name === '' ? ['name: missing'] : []),
      ...(email.safeParse(address).success ? [] : [`email: ${address === '' ? 'missing' : `${address} is not an email address`}`]),
      ...(typeof roles === 'string' ? [roles] : []),
    ];
    const earlier = seen.get(address);
    if (earlier !== undefined) problems.push(`email: ${address} is on row ${earlier} already`);
    seen.set(address, row.number);
    if (problems.length > 0 || typeof roles === 'string') {
      rows.push({ row: row.number, outcome: 'refused', detail: problems.join('; ') });
      continue;
    }
    // Someone typed into the school file before, without an email, is the same person by name.
    const existing = staff.find((m) => m.email?.toLowerCase() === address) ?? staff.find((m) => m.email === undefined && m.name === name);
    if (existing) {
      const changed = [
        existing.email === undefined && 'email added',
        existing.name !== name && 'name',
        [...existing.roles].sort().join() !== [...roles].sort().join() && `roles ${existing.roles.join(', ')} → ${roles.join(', ')}`,
      ].filter(Boolean);
      Object.assign(existing, { name, roles, email: address });
      rows.push({ row: row.number, outcome: changed.length > 0 ? 'updated' : 'unchanged', staffId: existing.id, detail: changed.length > 0 ? changed.join('; ') : roles.join(', ') });
      continue;
    }
    const member: StaffMember = { id: idFor(address, taken), name, email: address, roles };
    staff.push(member);
    rows.push({ row: row.number, outcome: 'added', staffId: member.id, detail: roles.join(', ') });
  }
  return { rows, staff: rows.some((r) => r.outcome === 'refused') ? [...current] : staff };
}
