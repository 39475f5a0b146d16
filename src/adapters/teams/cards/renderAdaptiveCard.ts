import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Templating from 'adaptivecards-templating';
import { packageFile } from '../../../packageFiles.ts';
import type { CardView } from '../../../views/card.ts';
import { isFormView } from '../../../views/formView.ts';

/** Teams refuses a message over 80 KB; the activity around the card needs some of that. */
export const TEAMS_CARD_MAX_BYTES = 78 * 1024;
/** Teams refreshes a card automatically for at most 60 listed users. */
export const TEAMS_REFRESH_MAX_USERS = 60;

export class CardLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardLimitError';
  }
}

/**
 * Text on a card is shown as typed: Teams reads markdown in a TextBlock, so a link one person
 * typed (`[click](https://…)` or a bare address) is broken with an invisible space before it
 * could become a working link on another person's card. What a button sends back (`payload`) and
 * what a form field holds (`value` beside an `inputId`) are left exactly as they are.
 */
export function asText(node: unknown, key = ''): unknown {
  if (typeof node === 'string') return node.replaceAll('](', ']\u200B(').replaceAll('://', ':\u200B//').replaceAll(/\bwww\./g, 'www\u200B.');
  if (Array.isArray(node)) return node.map((item) => asText(item, key));
  if (node === null || typeof node !== 'object' || key === 'payload') return node;
  const isField = 'inputId' in node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'payload' || (isField && (k === 'value' || k === 'options')) ? v : asText(v, k)]));
}

/**
 * The templating library (with adaptive-expressions and its parser, about 10 MiB) is loaded when
 * the first card is drawn, not by a bot at rest; it is CommonJS, so it loads at once, in place.
 */
let templating: typeof Templating | undefined;
const ACData = (): typeof Templating => (templating ??= createRequire(import.meta.url)('adaptivecards-templating') as typeof Templating);

const templates = new Map<string, Templating.Template>();

/** Every form is drawn by one template (cards/form.json); every other card by its own. */
const templateName = (view: CardView): string => (isFormView(view) ? 'form' : view.card);

function templateFor(name: string): Templating.Template {
  let template = templates.get(name);
  if (!template) {
    const json: unknown = JSON.parse(readFileSync(packageFile(`cards/${name}.json`), 'utf8'));
    template = new (ACData().Template)(json);
    templates.set(name, template);
  }
  return template;
}

export interface RenderOptions {
  /** Teams user ids (`8:orgid:…`) whose card refreshes itself; the first 60 are kept. */
  refreshUserIds?: readonly string[];
}

export interface RenderedCard {
  card: Record<string, unknown>;
  bytes: number;
}

/**
 * Expands the card's template with its view model. A field the template names but the view
 * model lacks is a bug, not a blank: it throws rather than sending `${…}` to a teacher.
 */
export function renderAdaptiveCard(view: CardView, options: RenderOptions = {}): RenderedCard {
  const refreshUserIds = (options.refreshUserIds ?? []).slice(0, TEAMS_REFRESH_MAX_USERS);
  const root = {
    ...(asText(view) as CardView),
    teams: {
      refreshUserIds,
      refreshData: { actionId: `refreshCard:${view.card}`, placementId: view.placementId, version: view.version, input: { card: view.card } },
    },
  };
  const missing: string[] = [];
  const { GlobalSettings } = ACData();
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
    missing.push(path);
    return undefined;
  };
  let expanded: Record<string, unknown>;
  try {
    expanded = templateFor(templateName(view)).expand({ $root: root }) as Record<string, unknown>;
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (missing.length > 0) throw new Error(`The ${view.card} card's view model lacks ${[...new Set(missing)].join(', ')}.`);
  // A `$when` that is false leaves the property as null; Teams wants it gone.
  if (expanded['refresh'] === null) delete expanded['refresh'];

  const bytes = Buffer.byteLength(JSON.stringify(expanded), 'utf8');
  if (bytes > TEAMS_CARD_MAX_BYTES) throw new CardLimitError(`The ${view.card} card is ${bytes} bytes; Teams takes at most ${TEAMS_CARD_MAX_BYTES}.`);
  return { card: expanded, bytes };
}
