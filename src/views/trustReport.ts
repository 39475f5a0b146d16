import { PLACEMENT_KINDS } from '../core/placement/placement.ts';
import { kindName } from './names.ts';
import { amountText, amountValue, type Amount, type ReportFigure, type ReportSection, type ReportSectionId, type TermlyReportView } from './termlyReport.ts';

/** One school's numbers for a section, beside the trust's; null where a figure does not add up. */
export interface BreakdownRow {
  school: string;
  amounts: (Amount | null)[];
}

export interface TrustSection extends ReportSection {
  /** The section's numbers school by school, and the trust's total as the last row. */
  breakdown: { columns: string[]; rows: BreakdownRow[]; total: BreakdownRow };
}

export interface TrustReportView {
  view: 'trustReport';
  title: string;
  term: string;
  /** Each school counted, with its own dates for the term. */
  schools: { id: string; name: string; period: string }[];
  sections: TrustSection[];
  /** The terms every school counted has, newest first. */
  terms: string[];
}

/** A cell of the school-by-school table: a figure that does not add up across schools says so. */
export function breakdownText(amount: Amount | null): string {
  return amount === null ? 'not added up' : amountText(amount);
}

/** Two schools' figures as one: counts and both halves of a share add, a mean adds its total and count. Null for a percentage a school gave, which has nothing to add. */
function add(a: Amount, b: Amount): Amount | null {
  if (a.kind === 'count' && b.kind === 'count') return { kind: 'count', n: a.n + b.n };
  if (a.kind === 'share' && b.kind === 'share') return { ...a, n: a.n + b.n, of: a.of + b.of };
  if (a.kind === 'mean' && b.kind === 'mean') return { kind: 'mean', total: a.total + b.total, count: a.count + b.count };
  if (a.kind === 'max' && b.kind === 'max') return { kind: 'max', n: a.n === null ? b.n : b.n === null ? a.n : Math.max(a.n, b.n) };
  return null;
}

/** What a school with nothing to count for a line shows. */
function none(like: Amount): Amount | null {
  switch (like.kind) {
    case 'count':
      return { kind: 'count', n: 0 };
    case 'share':
      return { ...like, n: 0, of: 0 };
    case 'mean':
      return { kind: 'mean', total: 0, count: 0 };
    case 'max':
      return { kind: 'max', n: null };
    case 'given':
      return null;
  }
}

/** Lines with the same label added up across the schools, in the order they first appear; lines that do not add up are left out. */
function sum(lists: readonly (readonly ReportFigure[])[]): ReportFigure[] {
  const totals = new Map<string, Amount | null>();
  for (const list of lists)
    for (const { label, amount } of list) {
      const sofar = totals.get(label);
      totals.set(label, sofar === undefined ? (amount.kind === 'given' ? null : amount) : sofar && add(sofar, amount));
    }
  return [...totals.entries()].flatMap(([label, amount]) => (amount ? [{ label, amount }] : []));
}

const kindOrder = (label: string) => PLACEMENT_KINDS.findIndex((k) => kindName(k) === label);

/** Bars in the order a school's own report gives them: kinds as listed, providers by name, escalations most first. */
const ORDER: Partial<Record<ReportSectionId, (a: ReportFigure, b: ReportFigure) => number>> = {
  kinds: (a, b) => kindOrder(a.label) - kindOrder(b.label),
  attendance: (a, b) => a.label.localeCompare(b.label),
  escalations: (a, b) => amountValue(b.amount) - amountValue(a.amount) || a.label.localeCompare(b.label),
};

/** Where a school's own rule differs from another's, the trust's note says so. */
const TRUST_NOTES: Partial<Record<ReportSectionId, string>> = {
  attendance:
    "From the sessions confirmed with each provider, added up across the schools (a provider that several schools use counts once, with every school's sessions). Each school's whole-school figure is in its row: a percentage without its sessions cannot be added up.",
  onTime: "Each placement's reviews and each provider's QA visits counted by its own school's rules, then added up. Only periods that have ended, with the placement open throughout, count.",
};

/** The lines a section's school-by-school table shows: every line where there are few, the totals where bars could run long (providers, duties). */
const BREAKDOWN_ALL: readonly ReportSectionId[] = ['kinds', 'onTime'];

function trustSection(id: ReportSectionId, perSchool: readonly { name: string; section: ReportSection }[]): TrustSection {
  const [first] = perSchool;
  if (!first) throw new Error('A trust report needs a school');
  const figures = sum(perSchool.map((s) => s.section.figures));
  const order = ORDER[id];
  if (order) figures.sort(order);
  const facts = sum(perSchool.map((s) => s.section.facts));
  const lines = (s: ReportSection) => (BREAKDOWN_ALL.includes(id) ? [...s.figures, ...s.facts] : s.facts);
  const columns = [...new Set(perSchool.flatMap((s) => lines(s.section).map((f) => f.label)))];
  if (id === 'kinds') columns.sort((a, b) => (kindOrder(a) === -1 ? 1 : kindOrder(b) === -1 ? -1 : kindOrder(a) - kindOrder(b)));
  const likes = new Map(perSchool.flatMap((s) => lines(s.section).map((f) => [f.label, f.amount] as const)));
  const totals = new Map([...figures, ...facts].map((f) => [f.label, f.amount]));
  const rows = perSchool.map(({ name, section }) => {
    const own = new Map(lines(section).map((f) => [f.label, f.amount]));
    return { school: name, amounts: columns.map((c) => own.get(c) ?? none(likes.get(c) as Amount)) };
  });
  return {
    ...first.section,
    note: TRUST_NOTES[id] ?? first.section.note,
    figures,
    facts,
    reference: null,
    breakdown: { columns, rows, total: { school: 'All schools', amounts: columns.map((c) => totals.get(c) ?? null) } },
  };
}

/**
 * The termly report across a trust's schools: every school's figures added up from their counts
 * (a percentage recomputed from its two counts, never averaged), with each school's own beside them.
 */
export function trustReport(reports: readonly { id: string; view: TermlyReportView }[]): TrustReportView {
  const [first] = reports;
  if (!first) throw new Error('A trust report needs a school');
  const sections = first.view.sections.map((s) =>
    trustSection(
      s.id,
      reports.map(({ view }) => ({ name: view.school, section: view.sections.find((x) => x.id === s.id) as ReportSection })),
    ),
  );
  return {
    view: 'trustReport',
    title: `Alternative provision across ${reports.length} schools: ${first.view.term}`,
    term: first.view.term,
    schools: reports.map(({ id, view }) => ({ id, name: view.school, period: view.period })),
    sections,
    terms: first.view.terms.filter((t) => reports.every(({ view }) => view.terms.includes(t))),
  };
}
