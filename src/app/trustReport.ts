import type { Actor } from '../core/decisions/decision.ts';
import { AppError, ErrorCode, isAppError } from '../core/errors.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { may } from '../views/register.ts';
import type { TermlyReportView } from '../views/termlyReport.ts';
import { trustReport, type TrustReportView } from '../views/trustReport.ts';
import { identify, type PlatformIdentity } from './identity.ts';
import { termlyReportOf, type ReportStores } from './termlyReport.ts';

/**
 * The schools whose termly report this member of staff may read: their own, and every other school
 * of the trust where the same person (the same Teams or Slack account) is on the staff in a role
 * that reads the report there. Staff ids are each school's own, so they never join two schools.
 */
function reportSchoolsOf(schools: readonly School[], school: School, actor: Actor): School[] {
  const member = school.config.staff.find((s) => s.id === actor.staffId);
  if (!member || !may(actor, 'readSchoolReport', school)) return [];
  const accounts: PlatformIdentity[] = [];
  if (member.teams) accounts.push({ platform: 'teams', aadObjectId: member.teams.aadObjectId, tenantId: member.teams.tenantId ?? school.config.school.teamsTenantId });
  if (member.slack) accounts.push({ platform: 'slack', userId: member.slack.userId, teamId: school.config.school.slackTeamId });
  const elsewhere = accounts.flatMap((account) => identify(schools, account)).filter((m) => m.school.id !== school.id && may(m.actor, 'readSchoolReport', m.school));
  return schools.filter((s) => s.id === school.id || elsewhere.some((m) => m.school.id === s.id));
}

/** Whether someone reads the termly report in more than one school, so the report across them is theirs too. */
export function readsTrustReport(schools: readonly School[], school: School, actor: Actor): boolean {
  return reportSchoolsOf(schools, school, actor).length > 1;
}

/**
 * The termly report across schools, for the term named (or the one the first school is in today):
 * each school counted by its own report, with its own term dates, then added up.
 */
export async function trustReportOf(stores: ReportStores, schools: readonly School[], termName: string | undefined, now: Date): Promise<TrustReportView> {
  const reports: { id: string; view: TermlyReportView }[] = [];
  for (const school of schools) {
    try {
      reports.push({ id: school.id, view: await termlyReportOf(stores, school, termName ?? reports[0]?.view.term, now) });
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCode.InvalidInput) throw new AppError(error.code, `${school.config.school.name}: ${error.message}`);
      throw error;
    }
  }
  return trustReport(reports);
}

/** The report across the trust at the register: for someone who reads the termly report in more than one of its schools. */
export async function trustReportFor(stores: ReportStores, schools: readonly School[], school: School, actor: Actor, termName: string | undefined, now: Date): Promise<TrustReportView> {
  if (!readsTrustReport(schools, school, actor))
    throw new AppError(ErrorCode.NotAllowed, "The report across the trust's schools is for governors and leaders who read the termly report in more than one of them. Your school's own report is under Termly report on the register.");
  return trustReportOf(stores, reportSchoolsOf(schools, school, actor), termName, now);
}
