import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/app/decide.ts';
import { aWebRig, MONDAY } from '../fixtures/webRig.ts';
import { pdfText } from '../fixtures/pdfText.ts';

type Rig = Awaited<ReturnType<typeof aWebRig>>;
let rig: Rig;
beforeAll(async () => {
  rig = await aWebRig();
});
afterAll(async () => {
  await rig.close();
});

const CONCERN = 'Told a teaching assistant that an older pupil keeps asking for money';

async function get(staffId: string, path: string, ref: string) {
  const url = new URL(rig.link(staffId));
  url.pathname = path;
  url.searchParams.set('ref', ref);
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: new Uint8Array(await response.arrayBuffer()) };
}
const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');
/** The rows of the page's entries table, as text. */
const rowsOf = (html: string) => [...html.matchAll(/<tr class="entry-\w+">([^]*?)<\/tr>/g)].map((m) => (m[1] as string).replace(/<[^>]+>/g, '|').replace(/\|+/g, '|').replace(/^\||\|$/g, ''));

describe("a pupil's chronology", () => {
  it('lists every decision on the placement in date order, with who, and attendance week by week (JS · Y9-0412, counted by hand)', async () => {
    const page = await get('s-aplead', '/register/pupil', 'Y9-0412');
    expect(page.status).toBe(200);
    const html = text(page.body);
    expect(rowsOf(html)).toEqual([
      'Mon 15 Dec 2025|Pupil risk assessment renewed|Ms R Okafor',
      'Mon 5 Jan 2026|Local authority told|Ms R Okafor',
      'Mon 5 Jan 2026|Home/school agreement reviewed|Ms R Okafor',
      'Tue 20 Jan 2026|Review held|Ms R Okafor',
      'Mon 26 Jan 2026|QA visit|Ms R Okafor',
      'Fri 6 Feb 2026|Provider report received|Not recorded',
    ]);
    expect(html).toContain('Attendance: 100% (25 of 25 sessions)');
    // Five weeks of mornings, Mon 5 Jan to Fri 6 Feb, each 5 of 5.
    expect([...html.matchAll(/<td>(w\/c [^<]+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}/${m[3]}`)).toEqual([
      'w/c Mon 5 Jan 5/5',
      'w/c Mon 12 Jan 5/5',
      'w/c Mon 19 Jan 5/5',
      'w/c Mon 26 Jan 5/5',
      'w/c Mon 2 Feb 5/5',
    ]);
  });

  it('counts an absence in its week (TB · Y10-0231: 119 of 120 since November, 9 of 10 the week of 2 Feb)', async () => {
    const html = text((await get('s-aplead', '/register/pupil', 'Y10-0231')).body);
    // Full time: 7 weeks from Mon 3 Nov to Fri 19 Dec and 5 from Mon 5 Jan to Fri 6 Feb, 10 sessions each; one afternoon missed.
    expect(html).toContain('Attendance: 99% (119 of 120 sessions)');
    expect(html).toMatch(/<td>w\/c Mon 2 Feb<\/td><td>9<\/td><td>10<\/td><td>90%<\/td>/);
  });

  it('shows a concern in full to the DSL, by category to the AP lead, and not at all to the attendance officer', async () => {
    const dsl = text((await get('s-dsl', '/register/pupil', 'Y9-0678')).body);
    expect(dsl).toContain(CONCERN);
    const lead = text((await get('s-aplead', '/register/pupil', 'Y9-0678')).body);
    expect(lead).not.toContain(CONCERN);
    expect(lead).toContain('Category: safeguarding · What it says is for the DSL only');
    const officer = text((await get('s-attendance', '/register/pupil', 'Y9-0678')).body);
    expect(officer).not.toContain('Concern logged');
    expect(officer).toContain('Concerns are left out');
  });

  it('keeps ended placements, and shows a review recorded through the bot with its outcome and when it was recorded', async () => {
    await decide(rig.stores, {
      school: rig.oakfield,
      actor: { staffId: 's-aplead', roles: ['ap_lead'] },
      decision: 'recordReview',
      placementId: 'P-011',
      input: { attendees: ['pupil', 'parents'], progress: 'Back in school three days a week', outcome: 'plan_reintegration', nextReviewOn: '2026-03-02' },
      idempotencyKey: 'chronology-review',
      now: MONDAY,
    });
    const html = text((await get('s-head', '/register/pupil', 'Y8-0210')).body);
    expect(rowsOf(html).at(-1)).toBe('Mon 9 Feb 2026|Review held|Attendees: pupil, parents · Progress: Back in school three days a week · Outcome: plan reintegration · Next review on: 2026-03-02|Ms R Okafor|Mon 9 Feb, 08:00');
    expect(text((await get('s-head', '/register/pupil', 'Y10-0900')).body)).toContain('Off-site alternative provision at Riverside Farm');
  });

  it('downloads as a PDF with the same entries, and the concern only for the DSL', async () => {
    const pdf = await get('s-dsl', '/register/pupil.pdf', 'Y9-0678');
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe('attachment; filename="chronology-Y9-0678.pdf"');
    const words = pdfText(pdf.body);
    expect(words).toContain('Chronology: EP · Y9-0678');
    expect(words).toContain('Wed 14 Jan 2026  Review held');
    expect(words.replace(/\s+/g, ' ')).toContain(CONCERN);
    expect(pdfText((await get('s-aplead', '/register/pupil.pdf', 'Y9-0678')).body).replace(/\s+/g, ' ')).not.toContain(CONCERN);
  });

  it('answers an unknown pupil with 404, a teacher with 403, and a bad link with 403, each showing nothing', async () => {
    expect((await get('s-aplead', '/register/pupil', 'Y0-0000')).status).toBe(404);
    const teacher = await get('s-teacher', '/register/pupil', 'Y9-0412');
    expect(teacher.status).toBe(403);
    expect(text(teacher.body)).not.toContain('Riverside');
    const forged = await fetch(`${rig.url}/register/pupil.pdf?ref=Y9-0412&t=forged.token`);
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('text/html');
  });
});
