import { describe, expect, it } from 'vitest';
import { CardLimitError, renderAdaptiveCard, TEAMS_CARD_MAX_BYTES } from '../../src/adapters/teams/cards/renderAdaptiveCard.ts';
import { refreshUserIds } from '../../src/adapters/teams/cards/refreshUserIds.ts';
import type { CardView } from '../../src/views/card.ts';
import { digest, type DigestView } from '../../src/views/digest.ts';
import { cardSchool, cardViews, manyDue, NOW, viewers } from './cardViews.ts';

const views = Object.entries(cardViews());

describe('Adaptive Cards for Teams', () => {
  it.each(views)('expands the %s template completely', async (name, view) => {
    const { card, bytes } = renderAdaptiveCard(view, { refreshUserIds: refreshUserIds(cardSchool(), view.participants) });
    const json = JSON.stringify(card, null, 2);
    expect(json).not.toContain('${');
    expect(json).not.toContain('$data');
    expect(json).not.toContain('$when');
    expect(card['version']).toBe('1.5');
    expect(bytes).toBeLessThan(TEAMS_CARD_MAX_BYTES);
    await expect(json).toMatchFileSnapshot(`./__snapshots__/teams/${name}.json`);
  });

  it('sends every action as Action.Execute with its verb, action id, placement and version', () => {
    const { card } = renderAdaptiveCard(cardViews().reminder);
    const executes = JSON.stringify(card).match(/"type":"Action\.Execute"[^}]*"data":\{"actionId":"[^"]+","placementId":"P-001","version":7/g) ?? [];
    expect(executes.length).toBe(3);
  });

  it('refreshes in place for the participants, at most 60 of them', () => {
    const view = cardViews().reminder;
    const many = Array.from({ length: 100 }, (_, i) => `8:orgid:user-${i}`);
    const refresh = renderAdaptiveCard(view, { refreshUserIds: many }).card['refresh'] as { userIds: string[]; action: { verb: string; data: { placementId: string; version: number } } };
    expect(refresh.userIds).toHaveLength(60);
    expect(refresh.action.verb).toBe('refreshCard');
    expect(refresh.action.data).toMatchObject({ placementId: 'P-001', version: 7 });
    expect(renderAdaptiveCard(view).card['refresh']).toBeUndefined();
  });

  it('keeps a digest of 200 overdue items under the 80 KB message limit by paging', () => {
    const school = cardSchool();
    const due = manyDue(school, 6);
    expect(due.length).toBeGreaterThanOrEqual(200);
    const { bytes } = renderAdaptiveCard(digest(due, school, NOW, viewers.attendance));
    expect(bytes).toBeLessThan(TEAMS_CARD_MAX_BYTES);
  });

  it('refuses a card over the limit instead of letting Teams reject it', () => {
    const alert = cardViews().concernAlert;
    expect(() => renderAdaptiveCard({ ...alert, details: 'x'.repeat(90 * 1024) })).toThrow(CardLimitError);
  });

  it('refuses a view model that lacks a field its template names', () => {
    const partial: Partial<DigestView> = { ...cardViews().digest };
    delete partial.intro;
    expect(() => renderAdaptiveCard(partial as CardView)).toThrow(/lacks intro/);
  });
});
