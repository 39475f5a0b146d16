import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DECISIONS } from '../../src/core/decisions/index.ts';
import type { Role } from '../../src/core/policy/roles.ts';
import { EXPECTED_ALLOWED, SAMPLES, STAFF_BY_ROLE, type Sample } from '../fixtures/permissionMatrix.ts';
import { stateOf } from '../fuzz/storeState.ts';
import { aSlackWorkspace, until } from './slack/harness.ts';
import { aCardAction, aTeamsBot, textOf, type User } from './teams/teamsHarness.ts';

const TEAMS_USER: Record<Role, User> = { headteacher: 'head', ap_lead: 'apLead', dsl: 'dsl', deputy_dsl: 'deputyDsl', attendance_officer: 'attendance', governor: 'governor', staff: 'teacher' };
const SLACK_USER: Record<Role, string> = { headteacher: 'U0DEMOHEAD', ap_lead: 'U0DEMOAPLD', dsl: 'U0DEMODSL1', deputy_dsl: 'U0DEMODSL2', attendance_officer: 'U0DEMOATTN', governor: 'U0DEMOGOVR', staff: 'U0DEMOTCHR' };

const cases = [...DECISIONS.keys()].flatMap((decision) =>
  (Object.keys(STAFF_BY_ROLE) as Role[]).map((role) => ({ decision, role, allowed: EXPECTED_ALLOWED[decision]?.includes(role) ?? false })),
);

function pressOf(decision: string, role: Role) {
  const sample = SAMPLES[decision] as Sample;
  return {
    placements: sample.placement ? [sample.placement] : [],
    data: { actionId: `matrix-${decision}`, placementId: sample.placement ? 'P-001' : null, version: sample.placement ? 0 : null, input: (typeof sample.input === 'function' ? sample.input(role) : sample.input) as Record<string, unknown> },
  };
}

/** What the press left in the audit log under this person: recorded, or refused. */
async function outcomes(stores: Parameters<typeof stateOf>[0], schoolId: string, role: Role) {
  return (await stores.audit.list(schoolId, { actor: STAFF_BY_ROLE[role] })).map((e) => [e.action, e.outcome]);
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('every role pressing every action in Teams', () => {
  it.each(cases)('$decision as $role: allowed $allowed', async ({ decision, role, allowed }) => {
    const press = pressOf(decision, role);
    const bot = await aTeamsBot({ placements: press.placements });
    try {
      const before = await stateOf(bot.stores, bot.school);
      const response = await bot.post(aCardAction(decision, press.data, TEAMS_USER[role]));
      expect(response.status).toBe(200);
      if (allowed) {
        expect(await outcomes(bot.stores, bot.school.id, role)).toEqual([[decision, 'recorded']]);
        return;
      }
      expect(textOf(response.json?.value)).toMatch(/not allowed|are shown to the/i);
      expect(await stateOf(bot.stores, bot.school)).toEqual(before);
      expect(await outcomes(bot.stores, bot.school.id, role)).not.toContainEqual([decision, 'recorded']);
    } finally {
      await bot.close();
    }
  });
});

describe('every role pressing every action in Slack', () => {
  it.each(cases)('$decision as $role: allowed $allowed', async ({ decision, role, allowed }) => {
    const press = pressOf(decision, role);
    const ws = await aSlackWorkspace({ placements: press.placements });
    try {
      const before = await stateOf(ws.stores, ws.school);
      expect((await ws.click(SLACK_USER[role], { action_id: decision, value: JSON.stringify(press.data) })).status).toBe(200);
      if (allowed) {
        for (let waited = 0; (await outcomes(ws.stores, ws.school.id, role)).length === 0 && ws.slack.sent('views.open').length === 0; waited += 10) {
          if (waited > 3000) throw new Error('neither a decision nor a form');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const opened = ws.slack.sent('views.open');
        // A decision with a form opens it first; the form's submit is the decision.
        if (opened.length > 0) expect(JSON.stringify(opened[0])).toContain(decision);
        else expect(await outcomes(ws.stores, ws.school.id, role)).toEqual([[decision, 'recorded']]);
        return;
      }
      const told = JSON.stringify(await until(() => ws.slack.responses[0]?.body, 'the refusal'));
      expect(told).toMatch(/not allowed|are shown to the/i);
      expect(await stateOf(ws.stores, ws.school)).toEqual(before);
      expect(await outcomes(ws.stores, ws.school.id, role)).not.toContainEqual([decision, 'recorded']);
    } finally {
      await ws.close();
    }
  });
});
