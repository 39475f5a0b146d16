import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../src/app/sweep.ts';
import { termlyReportOf } from '../../src/app/termlyReport.ts';
import { amountText, type TermlyReportView } from '../../src/views/termlyReport.ts';
import { pdfText } from '../fixtures/pdfText.ts';
import { aWebRig, MONDAY } from '../fixtures/webRig.ts';

type Rig = Awaited<ReturnType<typeof aWebRig>>;
let rig: Rig;
beforeAll(async () => {
  rig = await aWebRig();
});
afterAll(async () => {
  await rig.close();
});

/** Every number in the report, section by section, as the table beside each chart gives it. */
const numbersOf = (view: TermlyReportView) =>
  Object.fromEntries(view.sections.map((s) => [s.id, Object.fromEntries([...s.figures, ...s.facts].map((f) => [f.label, amountText(f.amount)]))]));

async function get(staffId: string, path: string, term?: string) {
  const url = new URL(rig.link(staffId));
  url.pathname = path;
  if (term) url.searchParams.set('term', term);
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: new Uint8Array(await response.arrayBuffer()) };
}

describe('the termly report, counted by hand from the example school', () => {
  it('Autumn 2025: five pupils, attendance by provider, reviews and QA visits on time', async () => {
    const view = await termlyReportOf(rig.stores, rig.oakfield, 'Autumn 2025', MONDAY);
    expect(numbersOf(view)).toMatchObject({
      // Open in the autumn: TB, NF and GH off site (P-002, P-009, P-010), EP on site, SO flexi-schooling.
      kinds: { 'Off-site alternative provision': '3', 'On-site alternative provision': '1', 'Flexi-schooling': '1', 'Pupils in AP this term': '5' },
      // Northgate: 7 full weeks from Mon 3 Nov; Skyline: 5 sessions a week from Mon 15 Sep, 64 marked; Riverside never marked.
      attendance: { 'Northgate Learning Centre': '100% (70 of 70 sessions)', 'Riverside Farm': 'no marks', 'Skyline Gym Academy': '100% (64 of 64 sessions)', 'All providers': '100% (134 of 134 sessions)' },
      // Second half-term (from Mon 3 Nov): TB, SO, EP and NF reviewed, GH not; nobody started on 3 Sep.
      // QA visits by month from 3 Sep: Oct (Riverside, Skyline) none, Nov (+ Northgate) none, Dec: Northgate on 10 Dec.
      onTime: { Reviews: '80% (4 of 5)', 'QA visits': '13% (1 of 8)' },
      partTime: { 'Active in the term': '0' },
      suspensions: { 'Suspensions over five days': '0' },
    });
  });

  it('Spring 2026 so far: the part-time timetable and its length, the suspensions and their sixth day', async () => {
    const view = await termlyReportOf(rig.stores, rig.oakfield, 'spring 2026', MONDAY);
    expect(view.period).toBe('Mon 5 Jan 2026 to Fri 27 Mar 2026, counted up to Mon 9 Feb 2026');
    expect(numbersOf(view)).toMatchObject({
      // LW's timetable, Mon 12 Jan to Fri 27 Feb: 29 school days (Fri 13 Feb is INSET, 16-20 Feb half-term). AK's is only proposed.
      partTime: { 'Active in the term': '1', 'Average length': '29 school days', Longest: '29 school days', 'Longer than six weeks (30 school days)': '0' },
      // DM's from Mon 26 Jan started on day one; CH's (from Wed 4 Feb) has its sixth day on Wed 11 Feb, still to come.
      suspensions: { 'Suspensions over five days': '2', 'Provision by the sixth day': '100% (1 of 1)', 'Sixth day still to come': '1' },
    });
  });

  it('counts each escalated duty once, however many people heard about it', async () => {
    await sweep(rig.stores, rig.oakfield, MONDAY);
    const view = await termlyReportOf(rig.stores, rig.oakfield, 'Spring 2026', MONDAY);
    const escalations = view.sections.find((s) => s.id === 'escalations');
    // Late by more than two school days on Mon 9 Feb, each nudged to the AP lead and the headteacher:
    // the QA visits to Northgate (due 17 Dec) and Skyline (due 28 Jan), BJ's reintegration meeting
    // (due 28 Jan), and one provider document past its expiry.
    expect(escalations?.figures.map((f) => `${f.label}: ${amountText(f.amount)}`)).toEqual(['Quality-assurance visit: 2', 'Provider document expiring: 1', 'Reintegration meeting: 1']);
    expect(escalations?.facts).toEqual([{ label: 'Escalations in the term', amount: { kind: 'count', n: 4 } }]);
    // A second sweep sends nothing new and counts nothing twice.
    await sweep(rig.stores, rig.oakfield, MONDAY);
    expect(numbersOf(await termlyReportOf(rig.stores, rig.oakfield, 'Spring 2026', MONDAY))['escalations']).toMatchObject({ 'Escalations in the term': '4' });
  });

  it('is a page of Vega-Lite charts drawn on the server, each with its numbers beside it, for governors', async () => {
    const page = await get('s-governor', '/register/report', 'Autumn 2025');
    expect(page.status).toBe(200);
    const html = Buffer.from(page.body).toString('utf8');
    expect(html.match(/<svg[^>]*class="marks"/g)).toHaveLength(3);
    expect(html).toContain('<th scope="row">Skyline Gym Academy</th><td>100% (64 of 64 sessions)</td>');
    for (const ref of ['Y9-0412', 'Y10-0231', 'Y11-0801', 'TB ·']) expect(html).not.toContain(ref);
  });

  it('downloads as a PDF with the same numbers, refuses the attendance officer, and names an unknown term', async () => {
    const pdf = await get('s-head', '/register/report.pdf', 'Autumn 2025');
    expect(pdf.type).toBe('application/pdf');
    const words = pdfText(pdf.body);
    expect(words).toContain('Alternative provision: Autumn 2025, Oakfield Academy');
    expect(words).toContain('80% (4 of 5)');
    expect(words).toContain('100% (134 of 134 sessions)');
    expect((await get('s-attendance', '/register/report')).status).toBe(403);
    const unknown = await get('s-head', '/register/report', 'Winter 2031');
    expect(unknown.status).toBe(400);
    expect(Buffer.from(unknown.body).toString('utf8')).toContain('There is no term called');
  });
});
