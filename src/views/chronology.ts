import { shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Actor } from '../core/decisions/decision.ts';
import type { HistoryEvent } from '../core/placement/events.ts';
import type { Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { attendanceByWeek, marksBetween, tally, tallyWords, type AttendanceWeek } from './attendanceWeeks.ts';
import { EVENT_WORDS } from './historyWords.ts';
import { kindName, pupilLabel, sentence, staffName } from './names.ts';
import { may } from './register.ts';
import { moment, todayOf } from './when.ts';

export interface ChronologyEntry {
  on: LocalDate;
  /** "Tue 20 Jan 2026" */
  date: string;
  /** "Review held" */
  what: string;
  /** "Outcome: continue · Attendees: pupil, parents" */
  detail: string;
  /** The member of staff who recorded it, by name; "Not recorded" when an imported record does not say. */
  who: string;
  /** When it was recorded, if through the bot: "Tue 20 Jan, 10:42". */
  recorded: string;
  /** Reviews, concerns and approvals are picked out on the page. */
  kind: 'review' | 'concern' | 'approval' | 'other';
}

export interface ChronologyPlacement {
  id: string;
  /** "Off-site alternative provision at Riverside Farm" */
  title: string;
  /** "Mon 5 Jan to Wed 22 Jul · Active" */
  period: string;
  entries: ChronologyEntry[];
  attendance: { total: string; weeks: AttendanceWeek[] };
}

export interface ChronologyView {
  view: 'chronology';
  title: string;
  pupil: string;
  school: string;
  viewer: string;
  /** "Printed from apbot on Mon 9 Feb 2026 for Mr J Byrne (DSL)" */
  produced: string;
  placements: ChronologyPlacement[];
  /** Why some entries are left out for this viewer, or null when nothing is. */
  withheld: string | null;
}

/** Fields every event carries, shown elsewhere in the row or never (the idempotency key). */
const NOT_DETAIL = new Set(['type', 'on', 'by', 'at', 'key', 'details', 'category']);

const valueWords = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => valueWords(v)).join(', ') : typeof value === 'string' ? value.replaceAll('_', ' ') : JSON.stringify(value);

function detailOf(event: HistoryEvent, readsDetails: boolean): string {
  const fields = Object.entries(event)
    .filter(([key, value]) => !NOT_DETAIL.has(key) && value !== undefined && value !== '')
    .map(([key, value]) => `${sentence(key.replace(/([A-Z])/g, '_$1').toLowerCase())}: ${valueWords(value)}`);
  if (event.type === 'concern') {
    const category = `Category: ${sentence(event.category).toLowerCase()}`;
    return [category, readsDetails ? (event.details ?? 'No details recorded') : 'What it says is for the DSL only'].join(' · ');
  }
  return fields.join(' · ');
}

const KIND_OF: Partial<Record<HistoryEvent['type'], ChronologyEntry['kind']>> = { review: 'review', concern: 'concern', approval: 'approval', decline: 'approval', parent_agreement: 'approval', governor_approval: 'approval' };

/**
 * Everything recorded on a pupil's placements, oldest first, with attendance by week: what an
 * inspector asks for. Concerns show only to those who may see them, their words to the DSL alone.
 */
export function chronologyView(school: School, viewer: Actor, placements: readonly Placement[], now: Date): ChronologyView {
  const readsDetails = may(viewer, 'readConcernDetails', school);
  const readsConcerns = readsDetails || may(viewer, 'readConcernCategories', school);
  const today = todayOf(now, school);
  const first = placements[0];
  const label = first ? pupilLabel(first).label : '';
  let withheld = false;
  const views = [...placements]
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
    .map((placement): ChronologyPlacement => {
      const entries = placement.history
        .filter((e) => e.type !== 'attendance')
        .filter((e) => {
          if (e.type === 'concern' && !readsConcerns) withheld = true;
          return e.type !== 'concern' || readsConcerns;
        })
        .map((e, index) => ({ e, index }))
        .sort((a, b) => a.e.on.localeCompare(b.e.on) || (a.e.at ?? '').localeCompare(b.e.at ?? '') || a.index - b.index)
        .map(({ e }) => ({
          on: e.on,
          date: `${shortDate(e.on)} ${e.on.slice(0, 4)}`,
          what: EVENT_WORDS[e.type],
          detail: detailOf(e, readsDetails),
          who: e.by === undefined ? 'Not recorded' : staffName(school, e.by),
          recorded: e.at === undefined ? '' : moment(new Date(e.at), school),
          kind: KIND_OF[e.type] ?? 'other',
        }));
      const last = placement.end !== undefined && placement.end < today ? placement.end : today;
      return {
        id: placement.id,
        title: `${kindName(placement.kind)}${placement.provider ? ` at ${placement.provider.name}` : ''}`,
        period: `${shortDate(placement.start)} ${placement.start.slice(0, 4)} to ${placement.end ? `${shortDate(placement.end)} ${placement.end.slice(0, 4)}` : 'no end date'} · ${sentence(placement.status)}`,
        entries,
        attendance: {
          total: tallyWords(tally(marksBetween(placement, placement.start, last))),
          weeks: placement.start <= last ? attendanceByWeek(placement, placement.start, last).filter((w) => w.marked > 0) : [],
        },
      };
    });
  const viewerName = staffName(school, viewer.staffId);
  return {
    view: 'chronology',
    title: `Chronology: ${label}`,
    pupil: label,
    school: school.config.school.name,
    viewer: viewerName,
    produced: `From apbot, ${school.config.school.name}, on ${moment(now, school)}, for ${viewerName}`,
    placements: views,
    withheld: withheld ? 'Concerns are left out: they are shown to the DSL, the AP lead and the headteacher.' : null,
  };
}
