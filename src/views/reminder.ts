import type { Obligation, Stage } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import { shortDate } from '../core/calendar/localDate.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { proposalFacts } from './approvalRequest.ts';
import { pupilLabel, roleName, staffWithRoles } from './names.ts';
import { obligationAsk, obligationTitle, subjectWords } from './obligationWords.ts';
import { reminderActions } from './reminderActions.ts';
import type { CardBase, Fact, PupilLabel, Viewer } from './viewModel.ts';
import { dueWhen } from './when.ts';

export interface ReminderView extends CardBase {
  card: 'reminder';
  pupil: PupilLabel;
  /** What to do, in one sentence. */
  ask: string;
  due: string;
  stage: Stage;
  stageLabel: string;
  /** True once it is late: the card shows it in red. */
  late: boolean;
  obligation: string;
  facts: Fact[];
}

const STAGE_LABELS: Record<Stage, string> = {
  scheduled: 'Coming up',
  upcoming: 'Coming up',
  due: 'Due today',
  overdue: 'Late',
  escalated: 'Late, escalated',
};

export function stageLabel(o: Pick<Obligation, 'stage' | 'escalateToRole'>): string {
  if (o.stage === 'escalated' && o.escalateToRole) return `Late, passed to the ${roleName(o.escalateToRole)}`;
  return STAGE_LABELS[o.stage];
}

/** One obligation, with the buttons that get it done. Safe for a shared channel: initials and ref only. */
export function reminder(placement: Placement, o: Obligation, school: School, now: Date, viewer: Viewer): ReminderView {
  const subject = subjectWords(o);
  const facts: Fact[] = [
    ...(subject ? [{ title: 'For', value: subject }] : []),
    { title: 'Owner', value: sentence(roleName(o.ownerRole)) },
    ...(placement.provider ? [{ title: 'Provider', value: placement.provider.name }] : []),
    ...(o.warning ? [{ title: 'Warning', value: sentence(o.warning) }] : []),
    // An approval is given with the whole proposal in sight, wherever it is asked for.
    ...(o.type === 'part_time_timetable_approval' ? proposalFacts(placement, school, now) : []),
    ...(o.type === 'absence_follow_up' ? followUpFacts(placement, o) : []),
  ];
  return {
    card: 'reminder',
    title: obligationTitle(o.type),
    pupil: pupilLabel(placement),
    ask: obligationAsk(o.type),
    due: dueWhen(o.dueDate, school, now, o.dueAt),
    stage: o.stage,
    stageLabel: stageLabel(o),
    late: o.stage === 'overdue' || o.stage === 'escalated',
    obligation: obligationKey(o),
    facts,
    placementId: placement.id,
    version: placement.version,
    participants: staffWithRoles(school, [o.ownerRole, ...(o.escalateToRole ? [o.escalateToRole] : [])]),
    actions: reminderActions(o, placement, school, viewer, now),
  };
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What has been tried so far on an absence still open: each attempt, and what happens next. */
function followUpFacts(placement: Placement, o: Obligation): Fact[] {
  return placement.history
    .filter((e) => e.type === 'absence_follow_up' && `${e.absenceOn ?? e.on} ${e.session}` === o.subject && e.outcome === 'no_contact')
    .map((e) => ({
      title: 'No contact',
      value: `${shortDate(e.on)}: ${String(e['contacted'] ?? '')} by ${String(e['method'] ?? '').replaceAll('_', ' ')}; next: ${String(e['nextStep'] ?? '').replaceAll('_', ' ')}`,
    }));
}
