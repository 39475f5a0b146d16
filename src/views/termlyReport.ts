import { addDays, addMonths, shortDate, type LocalDate } from '../core/calendar/localDate.ts';
import type { Period } from '../core/calendar/schoolCalendar.ts';
import type { ObligationType } from '../core/obligations/obligation.ts';
import { PLACEMENT_KINDS, type Placement } from '../core/placement/placement.ts';
import type { School } from '../core/policy/schoolConfig.ts';
import { marksBetween, tally, type AttendanceTally } from './attendanceWeeks.ts';
import { kindName } from './names.ts';
import { obligationTitle } from './obligationWords.ts';
import { todayOf } from './when.ts';

/**
 * A number as counted, never as written: shares keep their two counts and averages their total,
 * so figures from several schools add up properly (a trust's percentage is recomputed, not averaged).
 */
export type Amount =
  | { kind: 'count'; n: number }
  /** `n` of `of`, read as a percentage; `none` is said when nothing was due or marked. */
  | { kind: 'share'; n: number; of: number; unit: 'sessions' | null; none: string }
  /** A mean of `count` numbers adding up to `total`, in school days. */
  | { kind: 'mean'; total: number; count: number }
  /** The largest of some numbers of school days; null when there are none. */
  | { kind: 'max'; n: number | null }
  /** A percentage the school gave (its whole-school attendance): it has no counts, so it never adds up. */
  | { kind: 'given'; percent: number | null };

/** One line of a section's numbers: a bar of its chart, or a fact beside it. */
export interface ReportFigure {
  label: string;
  amount: Amount;
}

export type ReportSectionId = 'kinds' | 'attendance' | 'onTime' | 'partTime' | 'suspensions' | 'escalations';

export interface ReportSection {
  id: ReportSectionId;
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
  facts: ReportFigure[];
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

/** What a bar of the chart measures: a count, or a percentage. */
export function amountValue(amount: Amount): number {
  switch (amount.kind) {
    case 'count':
      return amount.n;
    case 'share':
      return percentOf(amount.n, amount.of);
    case 'mean':
      return amount.count === 0 ? 0 : Math.round(amount.total / amount.count);
    case 'max':
      return amount.n ?? 0;
    case 'given':
      return amount.percent ?? 0;
  }
}

/** "12", "80% (4 of 5)", "100% (64 of 64 sessions)", "29 school days": the number as the table beside a chart gives it. */
export function amountText(amount: Amount): string {
  switch (amount.kind) {
    case 'count':
      return String(amount.n);
    case 'share':
      return amount.of === 0 ? amount.none : `${percentOf(amount.n, amount.of)}% (${amount.n} of ${amount.of}${amount.unit ? ` ${amount.unit}` : ''})`;
    case 'mean':
      return amount.count === 0 ? 'none' : `${amountValue(amount)} school days`;
    case 'max':
      return amount.n === null ? 'none' : `${amount.n} school days`;
    case 'given':
      return amount.percent === null ? 'not given (add schoolAttendance to the school file)' : `${amount.percent}%`;
  }
}

/** `report-oakfield-autumn-2025.pdf`, `report-trust-spring-2026.pdf` */
export function reportFileName(who: string, term: string): string {
  return `report-${who}-${term.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}.pdf`;
}

const count = (n: number): Extract<Amount, { kind: 'count' }> => ({ kind: 'count', n });
const share = (n: number, of: number, none = 'none due'): Amount => ({ kind: 'share', n, of, unit: null, none });
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
    return { label: kindName(k), amount: count(n) };
  }).filter((f) => f.amount.n > 0);
  return {
    id: 'kinds',
    title: 'Pupils in alternative provision, by kind',
    note: 'Pupils with a placement open at any time in the term. A pupil with two kinds of placement counts once in each.',
    figures,
    unit: 'count',
    reference: null,
    facts: [{ label: 'Pupils in AP this term', amount: count(pupils(placements)) }],
  };
}

function attendance(placements: readonly Placement[], from: LocalDate, to: LocalDate, schoolFigure: number | undefined): ReportSection {
  const atProviders = placements.filter((p) => p.provider !== undefined);
  const providers = [...new Set(atProviders.map((p) => p.provider?.name ?? ''))].sort();
  const tallyFor = (list: readonly Placement[]): AttendanceTally => tally(list.flatMap((p) => marksBetween(p, from, to)));
  const sessions = (t: AttendanceTally): Amount => ({ kind: 'share', n: t.attended, of: t.marked, unit: 'sessions', none: 'no marks' });
  const figures = providers.map((name) => ({ label: name, amount: sessions(tallyFor(atProviders.filter((p) => p.provider?.name === name))) }));
  const all = tallyFor(atProviders);
  return {
    id: 'attendance',
    title: "Attendance at providers, against the school's",
    note: 'From the sessions confirmed with each provider (present or late, out of every session marked).',
    figures,
    unit: 'percent',
    reference: schoolFigure === undefined ? null : { label: 'Whole school', value: schoolFigure },
    facts: [
      { label: 'All providers', amount: sessions(all) },
      { label: 'Whole school', amount: { kind: 'given', percent: schoolFigure ?? null } },
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
      { label: 'Reviews', amount: share(reviewsHeld, reviewsDue) },
      { label: 'QA visits', amount: share(visitsMade, visitsDue) },
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
  return {
    id: 'partTime',
    title: 'Part-time timetables',
    note: 'Part-time timetables open in the term and how long each is planned to last, in school days. They should be as short as possible (000 §9.3).',
    figures: [],
    unit: 'count',
    reference: null,
    facts: [
      { label: 'Active in the term', amount: count(ptts.length) },
      { label: 'Average length', amount: { kind: 'mean', total: known.reduce((a, b) => a + b, 0), count: known.length } },
      { label: 'Longest', amount: { kind: 'max', n: known.length ? Math.max(...known) : null } },
      { label: 'Longer than six weeks (30 school days)', amount: count(known.filter((n) => n > 30).length) },
      { label: 'With no end date', amount: count(lengths.length - known.length) },
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
      { label: 'Suspensions over five days', amount: count(long.length) },
      { label: 'Provision by the sixth day', amount: share(inTime.length, due.length) },
      { label: 'Sixth day still to come', amount: count(long.length - due.length) },
    ],
  };
}

function escalations(escalated: readonly ObligationType[]): ReportSection {
  const counts = new Map<ObligationType, number>();
  for (const type of escalated) counts.set(type, (counts.get(type) ?? 0) + 1);
  const figures = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, n]) => ({ label: obligationTitle(type), amount: count(n) }));
  return {
    id: 'escalations',
    title: 'Escalations, by duty',
    note: 'Duties that went more than the allowed school days late and were escalated to the headteacher or the DSL.',
    figures,
    unit: 'count',
    reference: null,
    facts: [{ label: 'Escalations in the term', amount: count(escalated.length) }],
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
