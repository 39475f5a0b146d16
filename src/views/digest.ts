import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Involvement } from '../core/obligations/audience.ts';
import type { Obligation } from '../core/obligations/obligation.ts';
import { obligationKey } from '../core/obligations/obligationKey.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { placementAction } from './actions.ts';
import { pupilLabel } from './names.ts';
import { moreButton, pageOf } from './paging.ts';
import { obligationTitle, subjectWords } from './obligationWords.ts';
import { onePressActions } from './reminderActions.ts';
import { stageLabel } from './reminder.ts';
import type { CardBase, ViewAction, Viewer } from './viewModel.ts';
import { dueWhen } from './when.ts';

export const DIGEST_PAGE_SIZE = 10;

export interface DigestItem {
  /** "JS · Y9-0412: Placement review (Spring 2026 first half)" */
  text: string;
  due: string;
  stageLabel: string;
  late: boolean;
  /** One-press actions only; anything that needs typing opens the full reminder. */
  actions: ViewAction[];
}

export interface DigestView extends CardBase {
  card: 'digest';
  intro: string;
  items: DigestItem[];
  /** "Showing 1 to 10 of 200" */
  shown: string;
  /** The next page, or null on the last one. */
  more: ViewAction | null;
}

export interface DueItem {
  placement: Placement;
  obligation: Obligation;
  /** How the viewer comes to have it: their own, or passed up to them (marked on the list). Their own if left out. */
  involvement?: Involvement;
}

/** At a session's cut-off, the digest is that session's attendance still to confirm. */
export interface AttendanceSession {
  date: LocalDate;
  session: 'am' | 'pm';
}

/**
 * Many reminders for one person as one card, ten at a time, soonest first as given; or, for an
 * attendance session, the pupils whose attendance that session still needs confirming.
 */
export function digest(due: readonly DueItem[], school: School, now: Date, viewer: Viewer, requestedOffset: unknown = 0, attendance?: AttendanceSession): DigestView {
  const page = pageOf(due, requestedOffset, DIGEST_PAGE_SIZE);
  const late = due.filter((d) => d.obligation.stage === 'overdue' || d.obligation.stage === 'escalated').length;
  const items = page.items.map(({ placement, obligation: o, involvement }): DigestItem => {
    const subject = subjectWords(o);
    // An approval is given only with the whole proposal in front of the approver, never from a list.
    const approval = o.type === 'part_time_timetable_approval';
    const quick = approval
      ? []
      : onePressActions(o, placement, school, viewer, now).map((a) => ({ ...a, payload: { ...a.payload, item: obligationKey(o) } }));
    const open = placementAction(placement, {
      verb: 'showReminder',
      title: approval ? 'See the proposal' : 'More options',
      variant: obligationKey(o),
      input: { obligation: obligationKey(o) },
    });
    // On a session's list the session is in the title, and the four marks are all there is to press.
    return {
      text: attendance
        ? `${pupilLabel(placement).label}${placement.provider ? ` at ${placement.provider.name}` : ''}`
        : `${pupilLabel(placement).label}: ${obligationTitle(o.type)}${subject ? ` (${subject})` : ''}`,
      due: dueWhen(o.dueDate, school, now, o.dueAt),
      stageLabel: involvement !== 'escalated' ? stageLabel(o) : o.stage === 'escalated' ? 'Late, passed to you' : `${stageLabel(o)}, passed to you`,
      late: o.stage === 'overdue' || o.stage === 'escalated',
      actions: attendance ? quick : [...quick, open],
    };
  });
  const count = `${due.length} thing${due.length === 1 ? '' : 's'}`;
  return {
    card: 'digest',
    ...(attendance
      ? {
          title: `Attendance to confirm: ${shortDate(attendance.date)}, ${attendance.session === 'am' ? 'morning' : 'afternoon'}`,
          intro: due.length === 0 ? 'All confirmed. Thank you.' : `Check with each provider who came, and mark them here. ${due.length} to confirm.`,
        }
      : {
          title: due.length === 0 ? 'Nothing needs you right now' : `${count} need${due.length === 1 ? 's' : ''} you`,
          intro: late > 0 ? `${late} of them ${late === 1 ? 'is' : 'are'} late. The oldest come first.` : 'Soonest first.',
        }),
    items,
    shown: page.shown,
    more: attendance
      ? moreButton(page, null, 'showMore', `attendance:${attendance.date}:${attendance.session}`, { list: 'attendance', ...attendance })
      : moreButton(page, null, 'showMore', 'digest', { list: 'digest' }),
    placementId: null,
    version: null,
    participants: [viewer.staffId],
    actions: [],
  };
}
