import { describe, expect, it } from 'vitest';
import { slackMessage } from '../../src/adapters/slack/blocks/slackMessage.ts';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/renderAdaptiveCard.ts';
import { concernAlert } from '../../src/views/concernAlert.ts';
import { cardSchool, concernOf, farmPlacement, NOW, viewers } from './cardViews.ts';

const typed = 'Mum says ring [the portal](https://evil.example/login) or www.evil.example, and <@U0DEMOHEAD> <!channel>';

function aConcernTyped() {
  const farm = farmPlacement();
  const concern = { ...concernOf(farm), details: typed };
  return concernAlert({ ...farm, history: farm.history.map((e) => (e.type === 'concern' ? concern : e)) }, concern, cardSchool(), NOW, viewers.dsl);
}

describe('what staff type is shown as text on another person’s card', () => {
  it('Teams: a markdown link or a bare address typed in a concern never becomes a working link', () => {
    const { card } = renderAdaptiveCard(aConcernTyped());
    const json = JSON.stringify(card);
    expect(json).toContain('the portal');
    expect(json).not.toContain('](https://');
    expect(json).not.toContain('https://evil');
    expect(json).not.toContain('www.evil');
  });

  it('Slack: a link, a mention or @channel typed in a concern stays text', () => {
    const json = JSON.stringify(slackMessage(aConcernTyped()));
    expect(json).toContain('the portal');
    expect(json).not.toMatch(/<@U0DEMOHEAD>|<!channel>|https:\/\/evil|www\.evil/);
  });

  it('Teams: what a button sends back is left exactly as it is', () => {
    const { card } = renderAdaptiveCard(aConcernTyped());
    const data = JSON.stringify(card).match(/"data":\{[^}]*\}/g) ?? [];
    expect(data.length).toBeGreaterThan(0);
    for (const d of data) expect(d).not.toContain('\u200B');
  });
});
