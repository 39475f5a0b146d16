import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountText, type Amount, type ReportSection, type TermlyReportView } from '../../src/views/termlyReport.ts';
import { breakdownText, trustReport } from '../../src/views/trustReport.ts';

/** A school's report with just the lines a test gives it, in the sections the report always has. */
function aReport(school: string, lines: Partial<Record<ReportSection['id'], { figures?: [string, Amount][]; facts?: [string, Amount][] }>>): TermlyReportView {
  const ids: ReportSection['id'][] = ['kinds', 'attendance', 'onTime', 'partTime', 'suspensions', 'escalations'];
  return {
    view: 'termlyReport',
    title: 'Alternative provision: Spring 2026',
    school,
    term: 'Spring 2026',
    period: 'Mon 5 Jan 2026 to Fri 27 Mar 2026',
    terms: ['Spring 2026', 'Autumn 2025'],
    sections: ids.map((id) => ({
      id,
      title: id,
      note: '',
      unit: 'count',
      reference: null,
      figures: (lines[id]?.figures ?? []).map(([label, amount]) => ({ label, amount })),
      facts: (lines[id]?.facts ?? []).map(([label, amount]) => ({ label, amount })),
    })),
  };
}

const sessions = (n: number, of: number): Amount => ({ kind: 'share', n, of, unit: 'sessions', none: 'no marks' });
const lineOf = (section: ReportSection | undefined, label: string) => [...(section?.figures ?? []), ...(section?.facts ?? [])].find((f) => f.label === label)?.amount;

describe("adding up schools' reports", () => {
  it('works a percentage out again from the added counts, whatever the schools counted: never the average of their percentages', () => {
    const share = fc.integer({ min: 0, max: 500 }).chain((of) => fc.tuple(fc.integer({ min: 0, max: of }), fc.constant(of)));
    fc.assert(
      fc.property(fc.array(share, { minLength: 2, maxLength: 6 }), (shares) => {
        const view = trustReport(shares.map(([n, of], i) => ({ id: `s${i}`, view: aReport(`School ${i}`, { attendance: { facts: [['All providers', sessions(n, of)]] } }) })));
        const [n, of] = shares.reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
        const total = lineOf(view.sections.find((s) => s.id === 'attendance'), 'All providers');
        expect(total).toEqual(sessions(n, of));
        expect(amountText(total as Amount)).toBe(of === 0 ? 'no marks' : `${Math.round((n / of) * 100)}% (${n} of ${of} sessions)`);
      }),
    );
  });

  it('averages lengths over every timetable, takes the longest of all, and leaves a percentage a school gave out of the totals but in its row', () => {
    const view = trustReport([
      { id: 'a', view: aReport('A', { partTime: { facts: [['Average length', { kind: 'mean', total: 30, count: 1 }], ['Longest', { kind: 'max', n: 30 }]] }, attendance: { facts: [['Whole school', { kind: 'given', percent: 95 }]] } }) },
      { id: 'b', view: aReport('B', { partTime: { facts: [['Average length', { kind: 'mean', total: 30, count: 3 }], ['Longest', { kind: 'max', n: 12 }]] }, attendance: { facts: [['Whole school', { kind: 'given', percent: 91 }]] } }) },
      { id: 'c', view: aReport('C', { partTime: { facts: [['Average length', { kind: 'mean', total: 0, count: 0 }], ['Longest', { kind: 'max', n: null }]] }, attendance: { facts: [['Whole school', { kind: 'given', percent: null }]] } }) },
    ]);
    const partTime = view.sections.find((s) => s.id === 'partTime');
    // Four timetables, 60 school days between them: 15 each (the average of the schools' 30 and 10 would be 20).
    expect(amountText(lineOf(partTime, 'Average length') as Amount)).toBe('15 school days');
    expect(amountText(lineOf(partTime, 'Longest') as Amount)).toBe('30 school days');
    const attendance = view.sections.find((s) => s.id === 'attendance');
    expect(lineOf(attendance, 'Whole school')).toBeUndefined();
    expect(attendance?.breakdown.rows.map((r) => breakdownText(r.amounts[0] ?? null))).toEqual(['95%', '91%', 'not given (add schoolAttendance to the school file)']);
    expect(breakdownText(attendance?.breakdown.total.amounts[0] ?? null)).toBe('not added up');
  });

  it("lists a duty escalated in one school only, with 0 in the others' rows, most escalated first", () => {
    const view = trustReport([
      { id: 'a', view: aReport('A', { escalations: { figures: [['Placement review', { kind: 'count', n: 1 }]], facts: [['Escalations in the term', { kind: 'count', n: 1 }]] } }) },
      { id: 'b', view: aReport('B', { escalations: { figures: [['Welfare check', { kind: 'count', n: 2 }], ['Placement review', { kind: 'count', n: 2 }]], facts: [['Escalations in the term', { kind: 'count', n: 4 }]] } }) },
    ]);
    const escalations = view.sections.find((s) => s.id === 'escalations');
    expect(escalations?.figures.map((f) => `${f.label}: ${amountText(f.amount)}`)).toEqual(['Placement review: 3', 'Welfare check: 2']);
    expect(escalations?.facts.map((f) => amountText(f.amount))).toEqual(['5']);
    const kinds = trustReport([
      { id: 'a', view: aReport('A', { kinds: { figures: [['Flexi-schooling', { kind: 'count', n: 1 }]] } }) },
      { id: 'b', view: aReport('B', { kinds: { figures: [['Off-site alternative provision', { kind: 'count', n: 2 }]] } }) },
    ]).sections.find((s) => s.id === 'kinds');
    // Kinds in the order every report lists them, each school's row with a 0 where it has none.
    expect(kinds?.figures.map((f) => f.label)).toEqual(['Off-site alternative provision', 'Flexi-schooling']);
    expect(kinds?.breakdown.rows.map((r) => r.amounts.map((a) => breakdownText(a)))).toEqual([
      ['0', '1'],
      ['2', '0'],
    ]);
  });
});
