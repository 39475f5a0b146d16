import { addDays, addMonths, shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Period } from '../core/calendar/schoolCalendar.ts';
import type { ObligationType } from '../core/obligations/obligation.ts';
import { PLACEMENT_KINDS, type Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { marksBetween, tally, type AttendanceTally } from './attendanceWeeks.ts';
import { kindName } from './names.ts';
import { obligationTitle } from './obligationWords.ts';
import { todayOf } from './when.ts';

/** One bar of a chart and the number written beside it. */
export interface ReportFigure {
  label: string;
  value: number;
  /** "12 of 14", "93% (28 of 30 sessions)": the number as the table beside the chart gives it. */
  text: string;
}

export interface ReportSection {
  id: 'kinds' | 'attendance' | 'onTime' | 'partTime' | 'suspensions' | 'escalations';
  title: string;
  /** What the numbers count, in a sentence. */
  note: string;
  /** Bars of the chart; empty when the section is numbers only. */
  figures: ReportFigure[];
  /** 'count' or 'percent': how the chart's axis reads. */
  unit: 'count' | 'percent';
  /** A reference line on a percentage chart (the whole school's attendance), if the school gave one. */
  reference: { label: string; value: number } | null;
  /** Plain facts beside or instead of a chart. */
  facts: { label: string; text: string }[];
}

export interface TermlyReportView {
  view: 'termlyReport';
  title: string;
  school: string;
  term: string;
  /** "Mon 5 Jan to Fri 27 Mar 2026, counted up to Mon 9 Feb 2026" */
  period: string;
  sections: ReportSection[];
  /** The terms a report can be asked for, newest first. */
  terms: string[];
}

const percentOf = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));
const outOf = (n: number, of: number) => (of === 0 ? 'none due' : `${percentOf(n, of)}% (${n} of ${of})`);
const longDate = (d: LocalDate) => `${shortDate(d)} ${d.slice(0, 4)}`;

/** Open at some point between two dates, once it had started (proposals that never began do not count). */
function openDuring(p: Placement, from: LocalDate, to: LocalDate): boolean {
  if (p.status === 'proposed') return false;
  const ended = p.history.find((e) => e.type === 'ended')?.on ?? p.end;
  return p.start <= to && (ended === undefined || ended >= from);
}

function kinds(placements: readonly Placement[]): ReportSection {
  const pupils = (list: readonly Placement[]) => new Set(list.map((p) => p.pupil.ref)).size;
  const figures = PLACEMENT_KINDS.map((k) => {
    const n = pupils(placements.filter((p) => p.kind === k));
    return { label: kindName(k), value: n, text: String(n) };
  }).filter((f) => f.value > 0);
  return {
    id: 'kinds',
    title: 'Pupils in alternative provision, by kind',
    note: 'Pupils with a placement open at any time in the term. A pupil with two kinds of placement counts once in each.',
    figures,
    unit: 'count',
    reference: null,
    facts: [{ label: 'Pupils in AP this term', text: String(pupils(placements)) }],
  };
}

function attendance(placements: readonly Placement[], from: LocalDate, to: LocalDate, schoolFigure: number | undefined): ReportSection {
  const atProviders = placements.filter((p) => p.provider !== undefined);
  const providers = [...new Set(atProviders.map((p) => p.provider?.name ?? ''))].sort();
  const tallyFor = (list: readonly Placement[]): AttendanceTally => tally(list.flatMap((p) => marksBetween(p, from, to)));
  const words = (t: AttendanceTally) => (t.percent === null ? 'no marks' : `${t.percent}% (${t.attended} of ${t.marked} sessions)`);
  const figures = providers.map((name) => {
    const t = tallyFor(atProviders.filter((p) => p.provider?.name === name));
    return { label: name, value: t.percent ?? 0, text: words(t) };
  });
  const all = tallyFor(atProviders);
  return {
    id: 'attendance',
    title: "Attendance at providers, against the school's",
    note: 'From the sessions confirmed with each provider (present or late, out of every session marked).',
    figures,
    unit: 'percent',
    reference: schoolFigure === undefined ? null : { label: 'Whole school', value: schoolFigure },
    facts: [
      { label: 'All providers', text: words(all) },
      { label: 'Whole school', text: schoolFigure === undefined ? 'not given (add schoolAttendance to the school file)' : `${schoolFigure}%` },
    ],
  };
}

/** The periods a duty falls once in, that ended inside the term by `until`. */
function periodsEnded(periods: readonly { start: LocalDate; end: LocalDate }[], term: Period, until: LocalDate) {
  return periods.filter((p) => p.start >= term.start && p.end <= term.end && p.end < until);
}

/** Month-long windows from the first day of term (5 Jan to 4 Feb, 5 Feb to 4 Mar, …), the last cut at the term's end. */
function months(term: Period): { start: LocalDate; end: LocalDate }[] {
  const list = [];
  for (let start = term.start; start <= term.end; start = addMonths(start, 1)) {
    const end = addDays(addMonths(start, 1), -1);
    list.push({ start, end: end < term.end ? end : term.end });
  }
  return list;
}

/** A placement starting on a period's first school day (a Monday after half-term) is open throughout it. */
const firstSchoolDay = (school: School, period: { start: LocalDate; end: LocalDate }) => school.calendar.schoolDaysIn(period.start, period.end)[0] ?? period.start;

function onTime(school: School, placements: readonly Placement[], term: Period, until: LocalDate): ReportSection {
  const { policy } = school.config;
  const reviewPeriods = periodsEnded(policy.reviewFrequency === 'term' ? [term] : school.calendar.halfTerms, term, until);
  let reviewsDue = 0;
  let reviewsHeld = 0;
  for (const p of placements)
    for (const period of reviewPeriods) {
      if (!openDuring(p, period.start, period.end) || p.start > firstSchoolDay(school, period)) continue;
      reviewsDue++;
      if (p.history.some((e) => e.type === 'review' && e.on >= period.start && e.on <= period.end)) reviewsHeld++;
    }
  // A QA visit is to the provider: one recorded on any pupil's placement there counts for all.
  const visitPeriods = (registered: boolean) =>
    periodsEnded(
      policy.qaVisitRule === 'monthly_or_10_sessions' ? months(term) : policy.qaVisitRule === 'termly_if_registered_else_half_termly' && !registered ? school.calendar.halfTerms : [term],
      term,
      until,
    );
  const providers = new Map<string, Placement[]>();
  for (const p of placements) if (p.provider) providers.set(p.provider.id, [...(providers.get(p.provider.id) ?? []), p]);
  let visitsDue = 0;
  let visitsMade = 0;
  for (const list of providers.values())
    for (const period of visitPeriods(list[0]?.provider?.ofstedRegistered ?? false)) {
      if (!list.some((p) => openDuring(p, period.start, period.end) && p.start <= firstSchoolDay(school, period))) continue;
      visitsDue++;
      if (list.some((p) => p.history.some((e) => e.type === 'qa_visit' && e.on >= period.start && e.on <= period.end))) visitsMade++;
    }
  return {
    id: 'onTime',
    title: 'Reviews and QA visits on time',
    note: `Each placement needs a review every ${policy.reviewFrequency === 'term' ? 'term' : 'half-term'}; each provider a QA visit by the school's rule (${policy.qaVisitRule.replaceAll('_', ' ')}). Only periods that have ended, with the placement open throughout, count.`,
    figures: [
      { label: 'Reviews', value: percentOf(reviewsHeld, reviewsDue), text: outOf(reviewsHeld, reviewsDue) },
      { label: 'QA visits', value: percentOf(visitsMade, visitsDue), text: outOf(visitsMade, visitsDue) },
    ],
    unit: 'percent',
    reference: null,
    facts: [],
  };
}

function partTime(school: School, placements: readonly Placement[]): ReportSection {
  const ptts = placements.filter((p) => p.kind === 'part_time_timetable');
  const lengths = ptts.map((p) => (p.end ? school.calendar.schoolDaysBetween(p.start, p.end) + 1 : null));
  const known = lengths.filter((n): n is number => n !== null);
  const longest = known.length ? Math.max(...known) : 0;
  return {
    id: 'partTime',
    title: 'Part-time timetables',
    note: 'Part-time timetables open in the term and how long each is planned to last, in school days. They should be as short as possible (000 §9.3).',
    figures: [],
    unit: 'count',
    reference: null,
    facts: [
      { label: 'Active in the term', text: String(ptts.length) },
      { label: 'Average length', text: known.length ? `${Math.round(known.reduce((a, b) => a + b, 0) / known.length)} school days` : 'none' },
      { label: 'Longest', text: known.length ? `${longest} school days` : 'none' },
      { label: 'Longer than six weeks (30 school days)', text: String(known.filter((n) => n > 30).length) },
      { label: 'With no end date', text: String(lengths.length - known.length) },
    ],
  };
}

function suspensions(school: School, placements: readonly Placement[], term: Period, today: LocalDate): ReportSection {
  const long = placements.filter((p) => {
    const days = p.suspensions.reduce((n, s) => n + s.schoolDays, 0);
    const first = p.suspensions[0]?.firstDay;
    return p.kind === 'suspension_provision' && days > 5 && first !== undefined && first >= term.start && first <= term.end;
  });
  // 001 §8: provision no later than the sixth school day of the suspension.
  const sixthDay = (p: Placement) => school.calendar.addSchoolDays(p.suspensions[0]?.firstDay as LocalDate, 5);
  const due = long.filter((p) => sixthDay(p) <= today);
  const inTime = due.filter((p) => p.status !== 'proposed' && p.start <= sixthDay(p));
  return {
    id: 'suspensions',
    title: 'Suspensions over five school days',
    note: 'Suspensions of more than five school days that began in the term, and whether full-time provision started by the sixth school day (001 §8).',
    figures: [],
    unit: 'count',
    reference: null,
    facts: [
      { label: 'Suspensions over five days', text: String(long.length) },
      { label: 'Provision by the sixth day', text: outOf(inTime.length, due.length) },
      { label: 'Sixth day still to come', text: String(long.length - due.length) },
    ],
  };
}

function escalations(escalated: readonly ObligationType[]): ReportSection {
  const counts = new Map<ObligationType, number>();
  for (const type of escalated) counts.set(type, (counts.get(type) ?? 0) + 1);
  const figures = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, n]) => ({ label: obligationTitle(type), value: n, text: String(n) }));
  return {
    id: 'escalations',
    title: 'Escalations, by duty',
    note: 'Duties that went more than the allowed school days late and were escalated to the headteacher or the DSL.',
    figures,
    unit: 'count',
    reference: null,
    facts: [{ label: 'Escalations in the term', text: String(escalated.length) }],
  };
}

/**
 * The termly report for governors and the trust: numbers only, never a pupil. Counted from the
 * placements (with their confirmed attendance) and the duties escalated in the term.
 */
export function termlyReport(school: School, term: Period, placements: readonly Placement[], escalated: readonly ObligationType[], now: Date): TermlyReportView {
  const today = todayOf(now, school);
  const until = today < term.end ? today : term.end;
  const inTerm = placements.filter((p) => openDuring(p, term.start, until));
  return {
    view: 'termlyReport',
    title: `Alternative provision: ${term.name}`,
    school: school.config.school.name,
    term: term.name,
    period: `${longDate(term.start)} to ${longDate(term.end)}${today < term.end ? `, counted up to ${longDate(today)}` : ''}`,
    sections: [
      kinds(inTerm),
      attendance(inTerm, term.start, until, school.config.schoolAttendance[term.name]),
      onTime(school, inTerm, term, today),
      partTime(school, inTerm),
      suspensions(school, placements, term, today),
      escalations(escalated),
    ],
    terms: school.calendar.terms.filter((t) => t.start <= today).map((t) => t.name).reverse(),
  };
}
