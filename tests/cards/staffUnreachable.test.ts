import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/renderAdaptiveCard.ts';
import { slackMessage } from '../../src/adapters/slack/blocks/slackMessage.ts';
import { staffUnreachableView } from '../../src/views/staffUnreachable.ts';
import { aSchool } from '../fixtures/school.ts';

describe('the notice that someone cannot be reached', () => {
  const school = aSchool();
  const noAccounts = aSchool({}, { staff: [...school.config.staff, { id: 's-new', name: 'Mr P New', roles: ['staff'] }] });

  it('says on both chats who, since when, and what to do, with nothing to press', () => {
    const view = staffUnreachableView(noAccounts, 's-new', '2026-02-09');
    expect(view.problems).toEqual([
      'In Slack: give Mr P New their work email in the school file, then run ap staff check to find their account.',
      'In Teams: add Mr P New to the staff team the bot is installed in, under their work email; or give them teams.aadObjectId in the school file.',
      'ap staff check lists everyone the bot cannot reach yet, and why.',
    ]);
    const card = JSON.stringify(renderAdaptiveCard(view).card);
    expect(card).toContain('Mr P New cannot be reached yet');
    expect(card).toContain('waited since 2026-02-09');
    expect(card).not.toContain('Action.');
    const slack = JSON.stringify(slackMessage(view));
    expect(slack).toContain('Mr P New cannot be reached yet');
    expect(slack).toContain('ap staff check lists everyone');
    expect(slack).not.toContain('"actions"');
  });
});
