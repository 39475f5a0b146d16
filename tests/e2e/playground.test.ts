import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournalStores } from '../../src/adapters/storage/journal/openJournalStores.ts';
import { freePort, spawnBot, spawnPlayground, stopChild, waitForReady, type Child } from '../../src/cli/demo.ts';
import { cleanEnv } from './cleanEnv.ts';

/**
 * The bot as a person meets it: `npm start` and Microsoft 365 Agents Playground (what `npm run demo`
 * runs), driven in a real Chromium. Say help, say due, press through a reminder to record a QA visit,
 * see the card turn into the done view, and find exactly one decision in the store afterwards.
 * Screenshots of each step go to tests/output/e2e/.
 */

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(process.cwd(), 'tests/output/e2e');
const Y9_0412 = 'P-001';
const Y10_0231 = 'P-002';
const ATTENDANCE_OFFICER = 's-attendance';
/** The UI is a React app talking to two local servers: generous, but bounded. */
const UI_WAIT = 20_000;

let bot: Child | undefined;
let playground: (Child & { url: string }) | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'apbot-playground-'));

async function shoot(name: string, target?: Locator): Promise<void> {
  await (target ?? page!).screenshot({ path: join(OUT, `${name}.png`) });
}

/** The newest card in the chat (not a card shown inside another). */
const latestCard = (p: Page) => p.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)').last();

/**
 * Types a message and sends it, checking each step: the Playground's composer (a Lexical editor)
 * takes input asynchronously, so on a busy machine Enter can arrive before the text has. Sent means
 * the composer emptied; if it did not, Enter is pressed again (never a second copy of the text).
 */
async function send(p: Page, text: string): Promise<void> {
  const box = p.getByRole('textbox', { name: /message/i }).or(p.locator('[contenteditable="true"][role="textbox"]')).first();
  const typed = async () => (await box.innerText().catch(() => '')).trim();
  await box.click();
  await box.fill(text);
  await expect.poll(typed, { timeout: UI_WAIT }).toBe(text);
  for (let attempt = 1; ; attempt++) {
    await box.press('Enter');
    const sent = await expect.poll(typed, { timeout: 5_000 }).toBe('').then(() => true, () => false);
    if (sent) return;
    if (attempt === 3) throw new Error(`the Playground did not send "${text}": its composer still holds "${await typed()}"`);
  }
}

/** How many chat elements show this text now. */
const count = (p: Page, text: RegExp) => p.getByText(text).count();

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  mkdirSync(OUT, { recursive: true });
  const botPort = await freePort();
  const botUrl = `http://127.0.0.1:${botPort}`;
  bot = spawnBot(cleanEnv({ DATA_DIR: dataDir, PORT: String(botPort), LOG_LEVEL: 'warn' }));
  await waitForReady(botUrl, bot, 45_000);
  playground = await spawnPlayground({ endpoint: `${botUrl}/api/messages`, port: await freePort(), logFile: join(dataDir, 'playground.log') });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Offline: the Playground's fonts and animations come from a CDN; fail them at once rather than wait.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
}, 90_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stopChild(playground).catch(() => undefined);
  await stopChild(bot, 12_000).catch(() => undefined);
});

/** What a person does in the Playground, step by step, a screenshot after each. */
async function journey(p: Page): Promise<void> {
  await p.goto(playground!.url);

  // The Playground installs the bot on load: its welcome lists the commands.
  await expect.poll(() => count(p, /ptt propose/i), { timeout: UI_WAIT }).toBeGreaterThan(0);
  await shoot('01-welcome');

  const before = await count(p, /ptt propose/i);
  await send(p, 'help');
  await expect.poll(() => count(p, /ptt propose/i), { timeout: UI_WAIT }).toBeGreaterThan(before);
  for (const command of ['due', 'status', 'review', 'concern', 'end', 'new']) await p.getByText(new RegExp(`^${command}\\b`)).first().waitFor({ state: 'visible', timeout: UI_WAIT });
  await shoot('02-help');

  await send(p, 'due');
  const digest = latestCard(p);
  await expect.poll(async () => (await digest.innerText().catch(() => '')).includes('Y9-0412'), { timeout: UI_WAIT }).toBe(true);
  const digestText = await digest.innerText();
  expect(digestText).toMatch(/\blate\b|overdue/i);
  // Tall enough for the whole digest card, then back to a laptop's screen.
  await p.setViewportSize({ width: 1280, height: 2000 });
  await digest.scrollIntoViewIfNeeded();
  await shoot('03-due');
  await shoot('03-due-card', digest);
  await p.setViewportSize({ width: 1280, height: 900 });

  // Y9-0412's quality-assurance visit: record it straight away if the digest offers that, else open its reminder.
  const item = digest
    .locator('.ac-container')
    .filter({ hasText: /Y9-0412.*(quality|QA)/i })
    .filter({ has: p.getByRole('button') })
    .last();
  const direct = item.getByRole('button', { name: /record/i });
  await ((await direct.count()) > 0 ? direct.first() : item.getByRole('button', { name: /more|option|open|show/i }).first()).click();

  // The reminder card for the visit replaces the digest; its "Record…" button shows the form, whose own "Record…" sends it.
  const reminder = latestCard(p);
  // (The digest mentions the visit too: wait until the other pupils have gone from the card.)
  await expect
    .poll(async () => {
      const text = await reminder.innerText().catch(() => '');
      return /Y9-0412/.test(text) && /quality|QA visit/i.test(text) && !/Y8-0210|Y11-0520/.test(text);
    }, { timeout: UI_WAIT })
    .toBe(true);
  await reminder.getByRole('button', { name: /record/i }).first().click();
  const submit = reminder.locator('.ac-adaptiveCard').getByRole('button', { name: /record/i });
  await submit.first().waitFor({ state: 'visible', timeout: UI_WAIT });
  // A visit is recorded whole, as an inspector would ask to see it: who went, what was checked, the outcome, what was agreed.
  const form = reminder.locator('.ac-adaptiveCard').last();
  await form.getByLabel(/who visited/i).fill('Ms R Okafor');
  for (const check of [/teaching/i, /safeguarding/i]) await form.getByRole('checkbox', { name: check }).check();
  await form.getByRole('combobox', { name: /outcome/i }).click();
  await p.getByRole('option', { name: /satisfactory/i }).first().click();
  await form.getByLabel(/actions agreed/i).fill('none');
  await form.getByLabel(/what you saw/i).fill('Visited Riverside Farm: registers kept, pupil settled.');
  await shoot('04-form');
  await submit.last().click();

  // The card turns into the done view: who did what, and nothing left to press.
  const done = latestCard(p);
  await expect.poll(async () => await done.innerText().catch(() => ''), { timeout: UI_WAIT }).toMatch(/recorded the QA visit/i);
  expect(await done.getByRole('button', { name: /record/i }).count()).toBe(0);
  await shoot('05-done');
  await shoot('05-done-card', done);

  // The safeguarding loop: acted as once, the DSL's nudges reach this chat too. As the attendance
  // officer, follow up Y10-0231's unexplained absence with no contact: it stays open and the DSL hears.
  await send(p, 'demo as dsl');
  await expect.poll(() => count(p, /acting as/i), { timeout: UI_WAIT }).toBeGreaterThan(0);
  const acting = await count(p, /acting as/i);
  await send(p, 'demo as attendance officer');
  await expect.poll(() => count(p, /acting as/i), { timeout: UI_WAIT }).toBeGreaterThan(acting);
  await send(p, 'status Y10-0231');
  const summary = latestCard(p);
  await expect.poll(async () => (await summary.innerText().catch(() => '')).includes('Y10-0231'), { timeout: UI_WAIT }).toBe(true);
  const absence = summary.locator('.ac-container').filter({ hasText: /absence to follow up/i }).filter({ has: p.getByRole('button') }).last();
  await absence.getByRole('button', { name: /open/i }).first().click();
  const followUp = latestCard(p);
  await expect
    .poll(async () => {
      const text = await followUp.innerText().catch(() => '');
      return /Y10-0231/.test(text) && /absence to follow up/i.test(text) && !/Recently/.test(text);
    }, { timeout: UI_WAIT })
    .toBe(true);
  await followUp.getByRole('button', { name: /record the follow-up/i }).first().click();
  const sendFollowUp = followUp.locator('.ac-adaptiveCard').getByRole('button', { name: /record the follow-up/i });
  await sendFollowUp.first().waitFor({ state: 'visible', timeout: UI_WAIT });
  const followUpForm = followUp.locator('.ac-adaptiveCard').last();
  await followUpForm.getByLabel(/^when/i).fill('2026-02-09');
  await followUpForm.getByLabel(/who you contacted/i).fill('mother');
  for (const [name, option] of [
    [/^how/i, /phone/i],
    [/^outcome/i, /no contact/i],
    [/next step/i, /home visit/i],
  ] as const) {
    await followUpForm.getByRole('combobox', { name }).click();
    await p.getByRole('option', { name: option }).first().click();
  }
  await shoot('06-follow-up-form');
  const alertsBefore = await p.getByRole('button', { name: /DSL decision/i }).count();
  await sendFollowUp.last().click();
  const told = latestCard(p);
  await expect.poll(async () => await told.innerText().catch(() => ''), { timeout: UI_WAIT }).toMatch(/No contact yet[\s\S]*the DSL has been told/i);

  // The DSL's alert arrives in this chat with the next delivery (every 20 seconds): the absence, still open, for the DSL to decide.
  await expect.poll(() => p.getByRole('button', { name: /DSL decision/i }).count(), { timeout: 60_000 }).toBeGreaterThan(alertsBefore);
  const alert = latestCard(p);
  const alertText = await alert.innerText();
  expect(alertText).toMatch(/Y10-0231/);
  expect(alertText).toMatch(/absence to follow up/i);
  expect(alertText).toMatch(/no contact/i);
  await shoot('07-dsl-alert', alert);
}

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'the demo in Agents Playground, in Chromium' : `the demo in Agents Playground (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`, () => {
  it('help, due, record a QA visit from the reminder card; an absence followed up with no contact reaches the DSL in the same chat; each decision once in the store', { timeout: 180_000 }, async () => {
    const p = page!;
    try {
      await journey(p);
    } catch (error) {
      await shoot('99-failure').catch(() => undefined);
      throw error;
    }

    // Stop the bot and read what it stored: beyond the demo's seed, exactly one decision, the QA visit, recorded once.
    await stopChild(bot, 12_000);
    const stores = await openJournalStores({ dataDir, warn: () => undefined });
    try {
      const audit = (await stores.audit.list('oakfield')).filter((e) => e.outcome === 'recorded' && e.actor !== 'demo-seed');
      expect(audit.map((e) => [e.action, e.placementId, e.actor])).toEqual([
        ['recordQaVisit', Y9_0412, 's-aplead'],
        ['recordAbsenceFollowUp', Y10_0231, ATTENDANCE_OFFICER],
      ]);
      const absent = await stores.placements.get('oakfield', Y10_0231);
      expect(absent!.placement.history.filter((e) => e.type === 'absence_follow_up').map((e) => (e as { outcome?: string }).outcome)).toEqual(['no_contact']);
      const record = await stores.placements.get('oakfield', Y9_0412);
      expect(record!.placement.history.filter((e) => e.type === 'qa_visit' && e.key !== undefined)).toHaveLength(1);
    } finally {
      await stores.close();
    }
  });
});
