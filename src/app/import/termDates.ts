import { addDays, isWeekend, type LocalDate } from '../../core/calendar/localDate.ts';
import type { Closure, DateRange, Term } from '../../core/calendar/schoolCalendar.ts';
import { AppError, ErrorCode } from '../../core/errors.ts';

/** One event of a published term-date calendar: what it says and the days it covers. */
export interface CalendarEvent {
  summary: string;
  first: LocalDate;
  last: LocalDate;
}

/** What a local authority's calendar says, as the school file holds it, and what was left out. */
export interface TermDates {
  terms: Term[];
  closures: Closure[];
  /** Events not used, each with why, so nobody wonders where a date went. */
  leftOut: string[];
}

type Kind = 'bank_holiday' | 'half_term' | 'inset' | 'closure' | 'holiday' | 'term_start' | 'term_end' | 'term' | 'unknown';

const BANK_HOLIDAY = /bank holiday|may day|good friday|easter monday|christmas day|boxing day|new year'?s day/;
const HALF_TERM = /half[\s-]?term/;
const INSET = /\binset\b|training day|staff development|professional development|non[\s-]?pupil|\bpd day|teacher day/;
const CLOSURE = /\bclosed\b|closure|polling/;
const HOLIDAY = /holiday|vacation|\bbreak\b/;
const TERM = /\bterm\b/;
const BEGINS = /\b(begins?|starts?|start date|first day|opens?|returns?)\b/;
const ENDS = /\b(ends?|end date|last day|finishes|closes|breaks up)\b/;

function kindOf(summary: string): Kind {
  const s = summary.toLowerCase().replace(/[’`]/g, "'");
  if (BANK_HOLIDAY.test(s)) return 'bank_holiday';
  if (HALF_TERM.test(s)) return 'half_term';
  if (INSET.test(s)) return 'inset';
  if (CLOSURE.test(s)) return 'closure';
  if (HOLIDAY.test(s) && !TERM.test(s)) return 'holiday';
  if (TERM.test(s)) return BEGINS.test(s) ? 'term_start' : ENDS.test(s) ? 'term_end' : 'term';
  return 'unknown';
}

const nextWeekday = (d: LocalDate): LocalDate => (isWeekend(d) ? nextWeekday(addDays(d, 1)) : d);
const previousWeekday = (d: LocalDate): LocalDate => (isWeekend(d) ? previousWeekday(addDays(d, -1)) : d);

/** A range without the weekends at either end: a break published Saturday to Sunday is Monday to Friday. */
function weekdaysOf(range: DateRange): DateRange | undefined {
  const start = nextWeekday(range.start);
  const end = previousWeekday(range.end);
  return start <= end ? { start, end } : undefined;
}

function termName(summary: string, start: LocalDate): string {
  const season = /autumn|spring|summer/i.exec(summary)?.[0];
  const year = start.slice(0, 4);
  return season ? `${season[0]?.toUpperCase()}${season.slice(1).toLowerCase()} ${year}` : `Term from ${start}`;
}

const describe = (e: CalendarEvent) => `"${e.summary}" (${e.first === e.last ? e.first : `${e.first} to ${e.last}`})`;

/**
 * Reads a term-date calendar as local authorities publish it: terms as one long event or as
 * "begins" and "ends" days, half-term breaks (trimmed of the weekends around them), INSET days
 * and closures. Bank holidays come from the bank-holiday list, and holidays between terms need
 * nothing, so both are left out and listed as such.
 */
export function termDatesFromEvents(events: readonly CalendarEvent[]): TermDates {
  const sorted = [...events].sort((a, b) => a.first.localeCompare(b.first) || a.summary.localeCompare(b.summary));
  const leftOut: string[] = [];
  const spans: Term[] = [];
  const starts = sorted.filter((e) => kindOf(e.summary) === 'term_start');
  const ends = sorted.filter((e) => kindOf(e.summary) === 'term_end');

  for (const e of sorted.filter((e) => kindOf(e.summary) === 'term')) spans.push({ name: termName(e.summary, e.first), start: e.first, end: e.last });
  const used = new Set<CalendarEvent>();
  starts.forEach((s, i) => {
    const nextStart = starts[i + 1]?.first;
    const end = ends.find((e) => e.first >= s.first && (nextStart === undefined || e.first < nextStart));
    if (!end) return leftOut.push(`${describe(s)}: no term end follows it`);
    used.add(end);
    spans.push({ name: termName(s.summary, s.first), start: s.first, end: end.last });
  });
  for (const e of ends) if (!used.has(e)) leftOut.push(`${describe(e)}: no term start comes before it`);

  const terms: Term[] = [];
  for (const span of spans.sort((a, b) => a.start.localeCompare(b.start))) {
    const days = weekdaysOf(span);
    if (!days) continue;
    const previous = terms[terms.length - 1];
    // The same term published twice (as one event and as its first and last days) is one term.
    if (previous && days.start <= previous.end) continue;
    terms.push({ name: span.name, ...days });
  }
  if (terms.length === 0)
    throw new AppError(ErrorCode.InvalidInput, `The calendar names no terms (events with "term" in their title). It holds: ${sorted.map(describe).join(', ') || 'no events'}.`);

  const termOf = (date: LocalDate) => terms.find((t) => date >= t.start && date <= t.end);
  const closures = new Map<LocalDate, Closure>();
  for (const e of sorted) {
    const kind = kindOf(e.summary);
    if (kind === 'bank_holiday') leftOut.push(`${describe(e)}: a bank holiday, from the bank-holiday list`);
    else if (kind === 'holiday') leftOut.push(`${describe(e)}: a holiday between terms`);
    else if (kind === 'unknown') leftOut.push(`${describe(e)}: not understood (not a term, half-term, INSET day or closure)`);
    else if (kind === 'half_term') {
      const days = weekdaysOf({ start: e.first, end: e.last });
      const term = days && termOf(addDays(days.start, -1));
      if (!days || !term) leftOut.push(`${describe(e)}: not inside a term`);
      else if (term.halfTermBreak) leftOut.push(`${describe(e)}: ${term.name} has its half-term already`);
      else if (days.start <= term.start || days.end >= term.end) leftOut.push(`${describe(e)}: must fall inside ${term.name}, with school days either side`);
      else term.halfTermBreak = days;
    } else if (kind === 'inset' || kind === 'closure') {
      let added = false;
      for (let d = e.first; d <= e.last; d = addDays(d, 1)) {
        if (isWeekend(d) || !termOf(d)) continue;
        closures.set(d, { date: d, reason: kind === 'inset' ? 'INSET' : e.summary });
        added = true;
      }
      if (!added) leftOut.push(`${describe(e)}: outside term time`);
    }
  }
  return { terms, closures: [...closures.values()].sort((a, b) => a.date.localeCompare(b.date)), leftOut };
}

/** The school file's calendar, as its YAML holds it. */
export interface CalendarDocument {
  terms: Term[];
  closures: Closure[];
  bankHolidays?: LocalDate[];
}

/**
 * The school's calendar with the imported term dates in: terms that overlap the imported years are
 * replaced, others kept; the school's own closures are kept beside the imported ones.
 */
export function withTermDates(calendar: CalendarDocument, imported: TermDates): CalendarDocument {
  const from = imported.terms[0]?.start ?? '';
  const to = imported.terms[imported.terms.length - 1]?.end ?? '';
  const kept = calendar.terms.filter((t) => t.end < from || t.start > to);
  const closures = new Map(imported.closures.map((c) => [c.date, c]));
  for (const c of calendar.closures) closures.set(c.date, c);
  return {
    ...calendar,
    terms: [...kept, ...imported.terms].sort((a, b) => a.start.localeCompare(b.start)),
    closures: [...closures.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
