import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/renderAdaptiveCard.ts';
import { actionsOfCard, type CardView } from '../../src/views/card.ts';
import { cardViews } from './cardViews.ts';

const CHROMIUM = '/usr/bin/chromium';
const rendererBundle = fileURLToPath(new URL('../../node_modules/adaptivecards/dist/adaptivecards.min.js', import.meta.url));
const screenshots = fileURLToPath(new URL('../../docs/cards/', import.meta.url));

interface Rendered {
  problems: string[];
  text: string;
  ids: string[];
  buttons: string[];
}

/** Every action title and input id the view model offers, wherever it sits in the card. */
function offered(view: CardView): { titles: string[]; inputIds: string[] } {
  const actions = actionsOfCard(view);
  const fields = view.card === 'reviewForm' || view.card === 'concernForm' || view.card === 'endPlacementForm' ? view.fields : [];
  return {
    titles: [...new Set(actions.flatMap((a) => [a.title, ...(a.fields.length ? [a.submitTitle] : [])]))],
    inputIds: [...fields, ...actions.flatMap((a) => a.fields)].map((f) => f.inputId),
  };
}

/** The part of the official renderer's API this test drives (its own types pull its TypeScript sources in). */
interface AdaptiveCardsApi {
  AdaptiveCard: new () => {
    parse(json: object, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
    render(): HTMLElement | undefined;
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
}

async function renderInBrowser(page: Page, card: object): Promise<Rendered> {
  return page.evaluate((json) => {
    const AC = (window as unknown as { AdaptiveCards: AdaptiveCardsApi }).AdaptiveCards;
    const adaptiveCard = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    adaptiveCard.parse(json, context);
    const problems: string[] = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
    for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
    const root = document.getElementById('root') as HTMLElement;
    root.replaceChildren();
    const element = adaptiveCard.render();
    if (!element) return { problems: [...problems, 'render returned nothing'], text: '', ids: [], buttons: [] };
    root.appendChild(element);
    // An inline ShowCard's inputs reach the page only once it is opened: open each in turn.
    const ids = new Set<string>();
    const buttons = new Set<string>();
    const collect = () => {
      root.querySelectorAll('[id]').forEach((e) => ids.add(e.id));
      root.querySelectorAll('button').forEach((b) => buttons.add(b.getAttribute('aria-label') ?? b.textContent ?? ''));
    };
    collect();
    root.querySelectorAll<HTMLButtonElement>('button[aria-expanded]').forEach((b) => {
      b.click();
      collect();
      b.click();
    });
    return { problems, text: root.textContent ?? '', ids: [...ids], buttons: [...buttons] };
  }, card);
}

const suite = existsSync(CHROMIUM) ? describe : describe.skip;
const name = existsSync(CHROMIUM)
  ? 'Adaptive Cards in the official renderer, in headless Chromium'
  : `Adaptive Cards in the official renderer (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`;

suite(name, () => {
  let browser: Browser;
  let page: Page;
  const views = Object.entries(cardViews());

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 600, height: 800 } });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff;font-family:sans-serif"><div id="root" style="width:540px;padding:12px"></div></body></html>');
    await page.addScriptTag({ content: readFileSync(rendererBundle, 'utf8') });
    mkdirSync(screenshots, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(views)('renders the %s card with nothing dropped', async (cardName, view) => {
    const { card } = renderAdaptiveCard(view, { refreshUserIds: ['8:orgid:00000000-0000-0000-0000-0000000000020'] });
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');

    const rendered = await renderInBrowser(page, card);
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).not.toContain('${');
    const { titles, inputIds } = offered(view);
    for (const title of titles) expect(rendered.buttons, `button "${title}"`).toContain(title);
    for (const id of inputIds) expect(rendered.ids, `input ${id}`).toContain(id);
    expect(rendered.text).toContain(view.title === 'Done' ? (view.card === 'done' ? view.text : view.title) : view.title);

    await page.locator('#root').screenshot({ path: `${screenshots}${cardName}.png` });
  });
});
