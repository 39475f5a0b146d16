import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../src/app/sweep.ts';
import { trustReportOf } from '../../src/app/trustReport.ts';
import { registerUrl } from '../../src/app/signedLinks.ts';
import { amountText } from '../../src/views/termlyReport.ts';
import { breakdownText, type TrustReportView } from '../../src/views/trustReport.ts';
import { pdfText } from '../fixtures/pdfText.ts';
import { aWebRig, MONDAY, SECRET } from '../fixtures/webRig.ts';

type Rig = Awaited<ReturnType<typeof aWebRig>>;
let rig: Rig;
beforeAll(async () => {
  rig = await aWebRig(MONDAY, 'example');
});
afterAll(async () => {
  await rig.close();
});

/** The trust's numbers, section by section, as the table beside each chart gives them. */
const numbersOf = (view: TrustReportView) =>
  Object.fromEntries(view.sections.map((s) => [s.id, Object.fromEntries([...s.figures, ...s.facts].map((f) => [f.label, amountText(f.amount)]))]));

/** A section's school-by-school table: each school's row and the trust's, by column. */
const breakdownOf = (view: TrustReportView, id: string) => {
  const { columns, rows, total } = view.sections.find((s) => s.id === id)?.breakdown ?? { columns: [], rows: [], total: null };
  return Object.fromEntries([...rows, ...(total ? [total] : [])].map((r) => [r.school, Object.fromEntries(columns.map((c, i) => [c, breakdownText(r.amounts[i] ?? null)]))]));
};

const report = (term: string) => trustReportOf(rig.stores, [rig.oakfield, rig.elmwood], term, MONDAY);

async function get(staffId: string, schoolId: string, path: string, term?: string) {
  const url = new URL(registerUrl(rig.url, SECRET, staffId, schoolId, new Date()));
  url.pathname = path;
  if (term) url.searchParams.set('term', term);
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: new Uint8Array(await response.arrayBuffer()) };
}

describe("the termly report across the trust's schools, counted by hand from Oakfield and Elmwood", () => {
  it('Autumn 2025: every figure added up from both schools, percentages worked out again from the counts, never averaged', async () => {
    const view = await report('Autumn 2025');
    expect(view.title).toBe('Alternative provision across 2 schools: Autumn 2025');
    expect(numbersOf(view)).toMatchObject({
      // Oakfield's five (TB, NF, GH off site; EP on site; SO flexi) and Elmwood's AB off site and CD on site.
      kinds: { 'Off-site alternative provision': '4', 'On-site alternative provision': '2', 'Flexi-schooling': '1', 'Pupils in AP this term': '7' },
      // Riverside Farm: Oakfield never marked it; Elmwood's AB, Mondays and Wednesdays 8 Sep to 15 Oct, 12 sessions, absent twice.
      // All providers: 134 of 134 and 10 of 12 make 144 of 146, 99% (the average of 100% and 83% would be 92%).
      attendance: { 'Northgate Learning Centre': '100% (70 of 70 sessions)', 'Riverside Farm': '83% (10 of 12 sessions)', 'Skyline Gym Academy': '100% (64 of 64 sessions)', 'All providers': '99% (144 of 146 sessions)' },
      // Elmwood: CD reviewed in the first half-term, not the second; AB (from 8 Sep) due in the second only, reviewed 20 Nov.
      // QA visits at Riverside Farm by month from 3 Sep: none due in the first (AB started 8 Sep), then 10 Oct and 12 Nov, none in December.
      onTime: { Reviews: '75% (6 of 8)', 'QA visits': '27% (3 of 11)' },
    });
    // The whole-school figure is each school's own: a percentage without its sessions does not add up.
    expect(view.sections.find((s) => s.id === 'attendance')?.facts.map((f) => f.label)).toEqual(['All providers']);
    expect(breakdownOf(view, 'attendance')).toEqual({
      'Oakfield Academy': { 'All providers': '100% (134 of 134 sessions)', 'Whole school': 'not given (add schoolAttendance to the school file)' },
      'Elmwood High School': { 'All providers': '83% (10 of 12 sessions)', 'Whole school': '94.1%' },
      'All schools': { 'All providers': '99% (144 of 146 sessions)', 'Whole school': 'not added up' },
    });
    expect(breakdownOf(view, 'onTime')).toEqual({
      'Oakfield Academy': { Reviews: '80% (4 of 5)', 'QA visits': '13% (1 of 8)' },
      'Elmwood High School': { Reviews: '67% (2 of 3)', 'QA visits': '67% (2 of 3)' },
      'All schools': { Reviews: '75% (6 of 8)', 'QA visits': '27% (3 of 11)' },
    });
    // A kind one school has none of is 0 in its row, not missing.
    expect(breakdownOf(view, 'kinds')['Elmwood High School']).toEqual({ 'Off-site alternative provision': '1', 'On-site alternative provision': '1', 'Flexi-schooling': '0', 'Pupils in AP this term': '2' });
  });

  it('Spring 2026 so far: part-time timetables averaged over both schools by their days, suspensions and their sixth day added up', async () => {
    const view = await report('Spring 2026');
    expect(view.schools.map((s) => `${s.name}: ${s.period}`)).toEqual([
      'Oakfield Academy: Mon 5 Jan 2026 to Fri 27 Mar 2026, counted up to Mon 9 Feb 2026',
      'Elmwood High School: Mon 5 Jan 2026 to Fri 27 Mar 2026, counted up to Mon 9 Feb 2026',
    ]);
    expect(numbersOf(view)).toMatchObject({
      // Oakfield's LW, 29 school days; Elmwood's EF, Mon 19 Jan to Thu 26 Feb less the INSET day and half-term: 23. (29 + 23) / 2 = 26.
      partTime: { 'Active in the term': '2', 'Average length': '26 school days', Longest: '29 school days', 'Longer than six weeks (30 school days)': '0' },
      // Elmwood's GJ, suspended from Mon 12 Jan: the sixth school day was Mon 19 Jan and provision began Wed 21 Jan, late.
      suspensions: { 'Suspensions over five days': '3', 'Provision by the sixth day': '50% (1 of 2)', 'Sixth day still to come': '1' },
      // Month one (5 Jan to 4 Feb): Oakfield visited two of three providers; Elmwood did not visit Riverside Farm.
      onTime: { 'QA visits': '50% (2 of 4)' },
    });
    expect(breakdownOf(view, 'suspensions')['Elmwood High School']).toEqual({ 'Suspensions over five days': '1', 'Provision by the sixth day': '0% (0 of 1)', 'Sixth day still to come': '0' });
  });

  it("adds up each school's escalated duties, each counted once in its school", async () => {
    await sweep(rig.stores, rig.oakfield, MONDAY);
    await sweep(rig.stores, rig.elmwood, MONDAY);
    const view = await report('Spring 2026');
    const escalations = breakdownOf(view, 'escalations');
    // Oakfield's four (tests/web/termlyReport.test.ts) and Elmwood's twelve.
    expect(escalations).toEqual({ 'Oakfield Academy': { 'Escalations in the term': '4' }, 'Elmwood High School': { 'Escalations in the term': '12' }, 'All schools': { 'Escalations in the term': '16' } });
    // Quality-assurance visits: Northgate and Skyline at Oakfield, Riverside Farm at Elmwood (due 4 Feb).
    expect(numbersOf(view)['escalations']).toMatchObject({ 'Quality-assurance visit': '3' });
  });

  it("is a page for the trust's AP governor, on the staff of both: charts of the trust's numbers, each school's beside them, no pupil", async () => {
    const page = await get('s-governor', 'oakfield', '/register/trust', 'Autumn 2025');
    expect(page.status).toBe(200);
    const html = Buffer.from(page.body).toString('utf8');
    expect(html.match(/<svg[^>]*class="marks"/g)).toHaveLength(3);
    expect(html).toContain('<th scope="row">All providers</th><td>99% (144 of 146 sessions)</td>');
    expect(html).toContain('<tr><th scope="row">Elmwood High School</th><td>67% (2 of 3)</td><td>67% (2 of 3)</td></tr>');
    for (const ref of ['Y9-0412', 'Y10-0231', 'Y8-1001', 'Y10-1002', 'AB ·']) expect(html).not.toContain(ref);
    // The same person, opened from Elmwood, sees the same trust.
    expect(Buffer.from((await get('e-governor', 'elmwood', '/register/trust', 'Autumn 2025')).body).toString('utf8')).toContain('99% (144 of 146 sessions)');
  });

  it('downloads as a PDF with the same numbers', async () => {
    const pdf = await get('s-governor', 'oakfield', '/register/trust.pdf', 'Autumn 2025');
    expect(pdf.type).toBe('application/pdf');
    const words = pdfText(pdf.body);
    expect(words).toContain('Alternative provision across 2 schools: Autumn 2025');
    expect(words).toContain('99% (144 of 146 sessions)');
    expect(words).toContain('Elmwood High School: Reviews 67% (2 of 3)');
    expect(words).not.toContain('Y8-1001');
  });

  it("refuses anyone who reads the report in one school only, and a school's staff who may not read it, with 403 and no number", async () => {
    for (const [staff, school] of [
      ['s-head', 'oakfield'],
      ['e-head', 'elmwood'],
      ['s-attendance', 'oakfield'],
    ] as const) {
      const page = await get(staff, school, '/register/trust', 'Autumn 2025');
      expect(page.status, staff).toBe(403);
      expect(Buffer.from(page.body).toString('utf8')).not.toContain('sessions');
      expect((await get(staff, school, '/register/trust.pdf')).status).toBe(403);
    }
  });

  it('offers the trust report on the register and the school report only to those who may read it', async () => {
    const link = "Termly report across the trust's schools";
    expect(Buffer.from((await get('s-governor', 'oakfield', '/register')).body).toString('utf8')).toContain(link);
    expect(Buffer.from((await get('s-head', 'oakfield', '/register')).body).toString('utf8')).not.toContain(link);
    expect(Buffer.from((await get('s-governor', 'oakfield', '/register/report')).body).toString('utf8')).toContain("Across the trust's schools");
  });

  it('names the school that lacks the term asked for', async () => {
    const page = await get('s-governor', 'oakfield', '/register/trust', 'Winter 2031');
    expect(page.status).toBe(400);
    expect(Buffer.from(page.body).toString('utf8')).toContain('Oakfield Academy: There is no term called');
  });
});
