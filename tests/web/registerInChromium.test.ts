import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MS } from '../../src/app/signedLinks.ts';
import { aWebRig, MONDAY } from '../fixtures/webRig.ts';

const CHROMIUM = '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The example school's open placements on Monday 9 February 2026, counted by hand from examples/placements.json. */
const OPEN_PUPILS = ['Y9-0412', 'Y10-0231', 'Y8-0107', 'Y11-0520', 'Y9-0333', 'Y10-0444', 'Y7-0099', 'Y9-0678', 'Y11-0801', 'Y8-0210'];
/** Late on that Monday: a QA visit (Northgate, Skyline), a reintegration meeting (BJ), a part-time timetable review (LW). */
const RED = ['Y10-0231', 'Y11-0801', 'Y8-0210', 'Y11-0520'];
const ENDED = ['Y10-0900', 'Y7-0301'];

type Rig = Awaited<ReturnType<typeof aWebRig>>;

async function rowsOf(page: Page): Promise<string[]> {
  return page.$$eval('table.register tbody tr td[data-column="pupil"]', (cells) => cells.map((c) => (c.textContent ?? '').split(' · ')[1] ?? ''));
}

async function headers(page: Page): Promise<string[]> {
  return page.$$eval('table.register thead th', (ths) => ths.map((th) => (th.textContent ?? '').replace(/ [▲▼]$/, '')));
}

async function seriousAccessibilityIssues(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string }[] }> } }).axe;
    const { violations } = await axe.run();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  });
}

const suite = existsSync(CHROMIUM) ? describe : describe.skip;

suite(existsSync(CHROMIUM) ? 'the register in headless Chromium' : `the register in headless Chromium (skipped: ${CHROMIUM} is missing)`, () => {
  let rig: Rig;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    rig = await aWebRig();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    // The pages forbid scripts; axe-core is injected past that, as a browser extension would be.
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  it('shows the AP lead every open placement, worst first, with concerns by category and the leaders\' downloads', async () => {
    const response = await page.goto(rig.link('s-aplead'));
    expect(response?.status()).toBe(200);
    const rows = await rowsOf(page);
    expect([...rows].sort()).toEqual([...OPEN_PUPILS].sort());
    expect(rows.slice(0, 4).sort()).toEqual([...RED].sort());
    expect(await headers(page)).toEqual(['Pupil', 'Kind', 'Provider', 'Days and sessions', 'Attendance this half-term', 'Last review', 'Last QA visit', 'Next duty', 'Whose', 'Status', 'Concerns']);
    const tb = page.locator('tr[data-placement="P-002"]');
    expect(await tb.locator('td[data-column="attendance"]').innerText()).toContain('98% (49 of 50 sessions)');
    expect(await tb.locator('td[data-column="lastQaVisit"]').innerText()).toBe('Wed 10 Dec');
    expect(await tb.locator('td[data-column="status"]').innerText()).toContain('Red');
    expect(await page.locator('tr[data-placement="P-008"] td[data-column="concerns"]').innerText()).toBe('1 safeguarding');
    expect(await page.content()).not.toContain('asking for money');
    expect(await page.getByRole('link', { name: 'Download the audit trail (CSV)' }).count()).toBe(1);
    for (const ref of ENDED) expect(await page.content()).not.toContain(ref);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}register.png`, fullPage: true });
  });

  it('shows the attendance officer the same rows, without the concerns column or the audit download', async () => {
    await page.goto(rig.link('s-attendance'));
    expect((await rowsOf(page)).length).toBe(OPEN_PUPILS.length);
    expect(await headers(page)).not.toContain('Concerns');
    expect(await page.getByRole('link', { name: /audit trail/ }).count()).toBe(0);
  });

  it('shows a governor the numbers only, never a pupil', async () => {
    await page.goto(rig.link('s-governor'));
    const text = await page.locator('main').innerText();
    expect(text).toContain('10 pupils have an open placement');
    expect(text).toMatch(/Red: late\s+4/);
    for (const ref of OPEN_PUPILS) expect(text).not.toContain(ref);
    expect(await page.locator('table.register').count()).toBe(0);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
  });

  it('refuses a teacher, and a tampered, expired or another school\'s link, with 403 and nothing of the school', async () => {
    const good = new URL(rig.link('s-aplead'));
    const tampered = new URL(good);
    tampered.searchParams.set('t', `${good.searchParams.get('t') ?? ''}A`);
    const otherSchool = new URL(good);
    otherSchool.searchParams.set('school', 'elmwood');
    const refused = [
      rig.link('s-teacher'),
      tampered.href,
      rig.link('s-aplead', 'oakfield', new Date(Date.now() - LINK_LIFETIME_MS - 1000)),
      otherSchool.href,
      rig.link('e-head', 'oakfield'),
      rig.link('s-aplead', 'elmwood'),
      `${rig.url}/register`,
    ];
    for (const link of refused) {
      const response = await page.goto(link);
      expect(response?.status(), link).toBe(403);
      const text = await page.locator('body').innerText();
      for (const ref of OPEN_PUPILS) expect(text).not.toContain(ref);
      expect(await page.locator('table').count()).toBe(0);
    }
  });

  it("opens another school's register only for its own staff, with none of Oakfield's pupils", async () => {
    await page.goto(rig.link('e-head', 'elmwood'));
    expect(await page.locator('h1').innerText()).toBe('AP register: Elmwood High');
    expect(await rowsOf(page)).toEqual([]);
  });

  it('filters by provider, status, owner and kind, and sorts by any column both ways', async () => {
    await page.goto(rig.link('s-aplead'));
    await page.getByLabel('Provider').selectOption('Riverside Farm');
    await Promise.all([page.waitForURL(/provider=/), page.getByRole('button', { name: 'Show' }).click()]);
    expect((await rowsOf(page)).sort()).toEqual(['Y8-0210', 'Y9-0412']);

    await page.getByLabel('Provider').selectOption('');
    await page.getByLabel('Status').selectOption('red');
    await Promise.all([page.waitForURL(/status=red/), page.getByRole('button', { name: 'Show' }).click()]);
    expect((await rowsOf(page)).sort()).toEqual([...RED].sort());

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Whose').selectOption('Dr A Patel');
    await Promise.all([page.waitForURL(/owner=/), page.getByRole('button', { name: 'Show' }).click()]);
    expect(await rowsOf(page)).toEqual(['Y10-0444']);

    await page.getByLabel('Whose').selectOption('');
    await page.getByLabel('Kind').selectOption('part_time_timetable');
    await Promise.all([page.waitForURL(/kind=part_time_timetable/), page.getByRole('button', { name: 'Show' }).click()]);
    expect((await rowsOf(page)).sort()).toEqual(['Y11-0520', 'Y8-0107']);

    await page.getByLabel('Kind').selectOption('');
    await Promise.all([page.waitForURL(/kind=&/), page.getByRole('button', { name: 'Show' }).click()]);
    await Promise.all([page.waitForURL(/sort=pupil&dir=asc/), page.getByRole('link', { name: 'Pupil', exact: true }).click()]);
    const ascending = await rowsOf(page);
    expect(ascending).toEqual([...OPEN_PUPILS].sort());
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toContain('Pupil');
    await Promise.all([page.waitForURL(/sort=pupil&dir=desc/), page.getByRole('link', { name: /^Pupil/ }).click()]);
    expect(await rowsOf(page)).toEqual([...ascending].reverse());

    await Promise.all([page.waitForURL(/sort=attendance/), page.getByRole('link', { name: 'Attendance this half-term' }).click()]);
    // Lowest attendance first (98%, then the three at 100% soonest duty first); no marks yet go last.
    expect((await rowsOf(page)).slice(0, 4)).toEqual(['Y10-0231', 'Y11-0801', 'Y8-0210', 'Y9-0412']);
  });

  it("opens a pupil's chronology from their row and back, accessible, and prints without the links", async () => {
    await page.goto(rig.link('s-dsl'));
    await Promise.all([page.waitForURL(/\/register\/pupil\?/), page.getByRole('link', { name: 'EP · Y9-0678' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Chronology: EP · Y9-0678');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}chronology.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: 'Download as PDF' }).isVisible()).toBe(false);
    expect(await page.locator('table').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await Promise.all([page.waitForURL(/\/register\?/), page.getByRole('link', { name: 'Back to the register' }).click()]);
    expect((await rowsOf(page)).length).toBe(OPEN_PUPILS.length);
  });

  it('takes a governor from the register to the termly report: charts with their numbers, accessible', async () => {
    await page.goto(rig.link('s-governor'));
    await Promise.all([page.waitForURL(/\/register\/report\?/), page.getByRole('link', { name: 'Termly report for governors' }).click()]);
    await page.getByRole('combobox', { name: 'Term' }).selectOption('Autumn 2025');
    await Promise.all([page.waitForURL(/term=Autumn/), page.getByRole('button', { name: 'Show' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Alternative provision: Autumn 2025');
    expect(await page.locator('figure svg').count()).toBe(3);
    expect(await page.getByRole('row', { name: /Reviews/ }).innerText()).toContain('80% (4 of 5)');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}report.png`, fullPage: true });
  });

  it("takes the trust's AP governor from the register to the report across both schools: the trust's charts with their numbers and each school's beside them, accessible", async () => {
    const trust = await aWebRig(MONDAY, 'example');
    try {
      await page.goto(trust.link('s-governor'));
      await Promise.all([page.waitForURL(/\/register\/trust\?/), page.getByRole('link', { name: "Termly report across the trust's schools" }).click()]);
      await page.getByRole('combobox', { name: 'Term' }).selectOption('Autumn 2025');
      await Promise.all([page.waitForURL(/term=Autumn/), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await page.locator('h1').innerText()).toBe('Alternative provision across 2 schools: Autumn 2025');
      expect(await page.locator('figure svg').count()).toBe(3);
      const onTime = page.locator('section', { has: page.getByRole('heading', { name: 'Reviews and QA visits on time' }) });
      expect(await onTime.locator('table.numbers').getByRole('row', { name: /Reviews/ }).innerText()).toContain('75% (6 of 8)');
      expect(await onTime.locator('table.breakdown').getByRole('row', { name: /Elmwood/ }).innerText()).toMatch(/67% \(2 of 3\)\s+67% \(2 of 3\)/);
      expect(await onTime.locator('table.breakdown tfoot').innerText()).toMatch(/All schools\s+75% \(6 of 8\)\s+27% \(3 of 11\)/);
      const text = await page.locator('main').innerText();
      for (const ref of [...OPEN_PUPILS, 'Y8-1001', 'Y10-1002']) expect(text).not.toContain(ref);
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
      await page.screenshot({ path: `${screenshots}trust-report.png`, fullPage: true });
      await page.goto(trust.link('s-head'));
      expect(await page.getByRole('link', { name: "Termly report across the trust's schools" }).count()).toBe(0);
      const refused = await page.goto(trust.link('s-head').replace('/register?', '/register/trust?'));
      expect(refused?.status()).toBe(403);
      expect(await page.locator('table').count()).toBe(0);
    } finally {
      await trust.close();
    }
  });

  it("opens the Teams tab outside Teams: Microsoft's library loads from the bot, finds no Teams around it, and the tab says how to open the register from chat, accessible", async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${rig.url}/register/tab`);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => typeof (window as unknown as { microsoftTeams?: unknown }).microsoftTeams)).toBe('object');
    await page.waitForFunction(() => !(document.getElementById('sso-status')?.textContent ?? '').startsWith('Opening'), undefined, { timeout: 10_000 });
    expect(await page.locator('#sso-status').innerText()).toBe("This page opens your register inside Teams. Here, open it from chat:");
    expect(await page.locator('main').innerText()).toContain('type register in your chat with apbot');
    expect(await page.locator('table').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
  });

  it('names a bad filter instead of guessing, and shows nothing else', async () => {
    const response = await page.goto(`${rig.link('s-aplead')}&sort=shoeSize`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('body').innerText()).toMatch(/sort: /);
    expect(await page.locator('table').count()).toBe(0);
  });
});
