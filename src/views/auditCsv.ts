import type { AuditEntry } from '../ports/auditLog.ts';

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
