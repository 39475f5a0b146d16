import type { School } from '../core/policy/schoolConfig.ts';
import type { DueItem } from './digest.ts';
import { pupilLabel, roleName, staffName } from './names.ts';
import { obligationTitle, subjectWords } from './obligationWords.ts';
import { stageLabel } from './reminder.ts';
import type { CardBase } from './viewModel.ts';
import { dueWhen, todayOf } from './when.ts';
import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';

/** A shared channel shows the most urgent few; everyone has their whole list in their own chat. */
export const TEAM_OVERVIEW_LIMIT = 15;

export interface TeamOverviewItem {
  /** "JS · Y9-0412: Placement review", or "Riverside Farm: QA visit" for a provider's check. */
  text: string;
  /** Who it is waiting for: "Ms R Okafor", or the role when nobody is named. */
  owner: string;
  due: string;
  stageLabel: string;
  late: boolean;
}

export interface TeamOverviewView extends CardBase {
  card: 'teamOverview';
  intro: string;
  items: TeamOverviewItem[];
  /** "And 7 more: each person sees all of theirs with due." or empty. */
  more: string;
}

/**
 * The morning post in the school's AP team channel: what is late or due today across all
 * placements, and whose it is. Only what a shared channel may show: initials and reference, no
 * safeguarding item (the caller leaves those out), and no buttons (people act in their own chat).
 */
export function teamOverview(due: readonly DueItem[], school: School, now: Date, date: LocalDate = todayOf(now, school)): TeamOverviewView {
  const late = due.filter((d) => d.obligation.stage === 'overdue' || d.obligation.stage === 'escalated').length;
  const items = due.slice(0, TEAM_OVERVIEW_LIMIT).map(({ placement, obligation: o }): TeamOverviewItem => {
    const subject = subjectWords(o);
    const named = placement.owners?.[o.ownerRole];
    // A provider's check is about the provider, whichever pupil it came from.
    const about = o.providerId !== null && placement.provider ? placement.provider.name : pupilLabel(placement).label;
    return {
      text: `${about}: ${obligationTitle(o.type)}${subject ? ` (${subject})` : ''}`,
      owner: named === undefined ? `the ${roleName(o.ownerRole)}` : staffName(school, named),
      due: dueWhen(o.dueDate, school, now, o.dueAt),
      stageLabel: stageLabel(o),
      late: o.stage === 'overdue' || o.stage === 'escalated',
    };
  });
  const hidden = due.length - items.length;
  const today = shortDate(date);
  const counts = [late > 0 ? `${late} late` : '', due.length > late ? `${due.length - late} due today` : ''].filter(Boolean).join(', ');
  return {
    card: 'teamOverview',
    title: `AP duties, ${today}: ${counts || 'nothing late or due today'}`,
    intro: due.length === 0 ? 'Everything is on track.' : 'The oldest first. Each person can act on theirs in a chat with me: say due.',
    items,
    more: hidden > 0 ? `And ${hidden} more. Each person sees all of theirs with due.` : '',
    placementId: null,
    version: null,
    participants: [],
    actions: [],
  };
}
