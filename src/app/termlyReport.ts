import { instantAt, localDateOf } from '../core/calendar/localTime.ts';
import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { escalationOf } from '../nudges/planNudges.ts';
import type { NudgeOutbox } from '../ports/nudgeOutbox.ts';
import { may } from '../views/register.ts';
import { termlyReport, type TermlyReportView } from '../views/termlyReport.ts';
import type { ReadStores } from './queries.ts';
import { asItStands } from './asItStands.ts';

export interface ReportStores extends ReadStores {
  outbox: NudgeOutbox;
}

/**
 * A school's termly report (the term by name, or the one today is in): every placement of the
 * school with its attendance, and each duty escalated in the term, counted once however many heard.
 */
export async function termlyReportOf(stores: ReportStores, school: School, termName: string | undefined, now: Date): Promise<TermlyReportView> {
  const { calendar } = school;
  const { timezone } = school.config.school;
  const today = localDateOf(now, timezone);
  const term = termName === undefined ? (calendar.termOf(today) ?? calendar.terms.at(-1)) : calendar.terms.find((t) => t.name.toLowerCase() === termName.trim().toLowerCase());
  if (!term) throw new AppError(ErrorCode.InvalidInput, `There is no term called "${termName ?? ''}". The terms are: ${calendar.terms.map((t) => t.name).join(', ')}.`);
  const records = await stores.placements.list(school.id);
  const placements = await Promise.all(records.map(({ placement }) => asItStands(stores, school.id, placement)));
  const [from, to] = [instantAt(term.start, '00:00', timezone), instantAt(term.end, '23:59', timezone)];
  const escalated = new Map<string, ReturnType<typeof escalationOf>>();
  for (const entry of await stores.outbox.list(school.id)) {
    const escalation = entry.createdAt >= from && entry.createdAt <= to ? escalationOf(entry.dedupeKey) : null;
    if (escalation) escalated.set(escalation.obligation, escalation);
  }
  return termlyReport(school, term, placements, [...escalated.values()].flatMap((e) => (e ? [e.type] : [])), now);
}

/** The report at the register: for governors, leaders and the DSL. */
export async function termlyReportFor(stores: ReportStores, school: School, actor: Actor, termName: string | undefined, now: Date): Promise<TermlyReportView> {
  if (!may(actor, 'readSchoolReport', school)) throw new AppError(ErrorCode.NotAllowed, 'The termly report is for governors, the headteacher, the AP lead and the DSL.');
  return termlyReportOf(stores, school, termName, now);
}
