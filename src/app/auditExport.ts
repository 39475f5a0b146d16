import { addDays, isValidLocalDate, type LocalDate } from '../core/calendar/localDate.ts';
import { instantAt, localDateOf } from '../core/calendar/localTime.ts';
import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import type { AuditEntry, AuditLog } from '../ports/auditLog.ts';
import { may } from '../views/register.ts';

/**
 * Every audit entry of a school from one date to another (both included, in the school's time):
 * who, in which role, did what to which placement, and whether it was recorded or refused.
 */
export async function auditTrail(audit: AuditLog, school: School, from: LocalDate, to: LocalDate): Promise<AuditEntry[]> {
  for (const [name, date] of [['from', from], ['to', to]] as const)
    if (!isValidLocalDate(date)) throw new AppError(ErrorCode.InvalidInput, `--${name} must be a date, YYYY-MM-DD (got "${date}").`);
  if (to < from) throw new AppError(ErrorCode.InvalidInput, `--to (${to}) is before --from (${from}).`);
  const { timezone } = school.config.school;
  const start = instantAt(from, '00:00', timezone);
  const end = instantAt(addDays(to, 1), '00:00', timezone);
  const entries = await audit.list(school.id, { since: start });
  return entries.filter((e) => e.at < end);
}

/** The audit trail for a leader at the register; from the start of this term to today unless dates are given. */
export async function auditTrailFor(audit: AuditLog, school: School, actor: Actor, now: Date, from?: string, to?: string): Promise<{ entries: AuditEntry[]; from: LocalDate; to: LocalDate }> {
  if (!may(actor, 'exportAudit', school)) throw new AppError(ErrorCode.NotAllowed, 'The audit trail is taken out by the AP lead or the headteacher.');
  const today = localDateOf(now, school.config.school.timezone);
  const range = { from: from ?? school.calendar.termOf(today)?.start ?? today, to: to ?? today };
  return { ...range, entries: await auditTrail(audit, school, range.from, range.to) };
}

/** The columns of the audit trail taken out of the bot, in order. */
export const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'role', 'action', 'placementId', 'outcome', 'summary'] as const;

// A spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV, one row per entry, times in UTC (ISO 8601). Summaries never hold names or what a concern says. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [e.seq, e.at.toISOString(), e.actor, e.role, e.action, e.placementId, e.outcome, e.summary].map(cell).join(','));
  return `${[AUDIT_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
