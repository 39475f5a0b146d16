import { addMonths, minDate } from '../../calendar/localDate.ts';
import type { ObligationDraft } from '../obligation.ts';
import type { RuleContext } from '../ruleContext.ts';

const SESSIONS_BETWEEN_VISITS = 10;

/** Quality-assurance visits to the provider, by the rule the school chose (001 §5.4, 002 §4.1, 004). */
export function qaVisit(ctx: RuleContext): ObligationDraft[] {
  const { placement, calendar, policy } = ctx;
  if (placement.status !== 'active' || !['off_site_ap', 'off_site_direction'].includes(placement.kind)) return [];

  if (policy.qaVisitRule === 'monthly_or_10_sessions') {
    // 001 §5.4: sessions the pupil attends, so a visit before the start counts as one on the first day.
    const lastVisit = ctx.latest('qa_visit');
    const visited = lastVisit !== undefined && lastVisit >= placement.start;
    const from = visited ? lastVisit : placement.start;
    const monthOn = addMonths(from, 1);
    const countFrom = visited ? calendar.addSchoolDays(from, 1) : placement.start;
    let sessions = 0;
    let tenthSessionOn: string | undefined;
    ctx.forEachTimetabledDay(countFrom, monthOn, (day, onDay) => {
      if (tenthSessionOn !== undefined) return;
      sessions += onDay.length;
      if (sessions >= SESSIONS_BETWEEN_VISITS) tenthSessionOn = day;
    });
    const dueDate = tenthSessionOn ? minDate(tenthSessionOn, monthOn) : monthOn;
    if (placement.end !== undefined && dueDate > placement.end) return [];
    return [{ type: 'qa_visit', subject: null, dueDate, provider: true }];
  }

  const periods =
    policy.qaVisitRule === 'termly_if_registered_else_half_termly' && !placement.provider?.ofstedRegistered
      ? calendar.halfTerms
      : calendar.terms;
  // A visit before the pupil starts saw the provider, not the pupil's provision: it counts for no period.
  return ctx
    .periodsSoFar(periods)
    .filter((period) => !ctx.recordedIn('qa_visit', period, periods, placement.start))
    .map((period) => ({ type: 'qa_visit', subject: period.name, dueDate: period.lastSchoolDay, provider: true }));
}
